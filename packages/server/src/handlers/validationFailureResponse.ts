import { type FailedResult, ValidationKind } from '../validation/ValidationResult';
import { HttpErrorCode, jsonResponse } from './CaptchalaHttpError';

const STATUS: Record<FailedResult['kind'], number> = {
  [ValidationKind.Malformed]: 400,
  [ValidationKind.Invalid]: 403,
  [ValidationKind.Unavailable]: 503,
  [ValidationKind.Misconfigured]: 503,
};

/**
 * What to answer a user whose token failed, as `{error: {code, message}}`: the token's reason for `malformed`
 * (400) and `invalid` (403), so a client can ask for a fresh solve; one generic `captcha_unavailable` (503) for
 * `unavailable` and `misconfigured` alike, so users learn nothing about your configuration (the log does).
 */
export function validationFailureResponse(result: FailedResult): Response {
  const generic = result.kind === ValidationKind.Unavailable || result.kind === ValidationKind.Misconfigured;
  const error = generic
    ? {
        code: HttpErrorCode.CaptchaUnavailable,
        message: 'The captcha cannot be checked right now; try again.',
      }
    : { code: result.reason, message: 'The captcha check failed; solve it again.' };
  return jsonResponse(STATUS[result.kind], { error });
}
