import { type FailedResult, ValidationKind, validationFailureResponse } from '@captchala-kit/server';
import { refused } from './siteResponses';

/** Kinds that are never the user's token: the site's configuration, or CaptchaLa out of reach. */
const NOT_THE_TOKEN: Partial<Record<FailedResult['kind'], string>> = {
  [ValidationKind.Misconfigured]:
    'Verification is misconfigured on this site. It is not your fault; try again later.',
  [ValidationKind.Unavailable]: 'Verification is unavailable right now. Try again in a moment.',
};

/**
 * The code a site names a failed validation by, to its user and in its log: the provider's reason for a bad
 * token (`token_expired`, `token_consumed`…); only the kind (`misconfigured`, `unavailable`) when the fault is
 * not the token's, so users never learn which credential is wrong (the reason stays in the log).
 */
export function answerCode(result: FailedResult): string {
  return NOT_THE_TOKEN[result.kind] ? result.kind : result.reason;
}

/**
 * What the site answers a user whose token failed: the kit's `validationFailureResponse` for a bad token (400/403
 * with its reason). For `misconfigured` and `unavailable` the kit answers one generic `captcha_unavailable`; this
 * site names the kind instead (503), so the page can tell them apart, and still never the reason.
 */
export function userAnswer(result: FailedResult): Response {
  const message = NOT_THE_TOKEN[result.kind];
  return message ? refused(503, answerCode(result), message) : validationFailureResponse(result);
}
