import type { ClientIpSource } from '../clientIp/getClientIp';
import type { FailureKind, ValidationKind } from '../validation/ValidationResult';

/** How loud a diagnostic should be in your logs. */
export const DiagnosticLevel = {
  /** A valid token, or a user's invalid one: normal traffic. */
  Info: 'info',
  /** Worth a look when it repeats: CaptchaLa unavailable or degraded, malformed input, client-only tokens. */
  Warn: 'warn',
  /** Your configuration is broken (key, secret, URL): every user fails until it is fixed. */
  Error: 'error',
} as const;
export type DiagnosticLevel = (typeof DiagnosticLevel)[keyof typeof DiagnosticLevel];

export interface CaptchalaDiagnosticBase {
  /** Generated per call; also on the result. */
  requestId: string;
  /** ISO 8601, when the call started. */
  timestamp: string;
  durationMs: number;
  /** The client's `environment` option, or null. */
  environment: string | null;
  level: DiagnosticLevel;
  /** Null when valid / issued. */
  reason: string | null;
  /** Same text as the result's `message`; null when valid / issued. */
  message: string | null;
  /** HTTP status of the last answer; null when none arrived or no call was made. */
  statusCode: number | null;
  /** HTTP attempts made (0: decided without a call). */
  attempts: number;
}

/** One record per `validate()` call: the contract's (§6) log fields. Never the secret, never a whole token. */
export interface ValidationDiagnostic extends CaptchalaDiagnosticBase {
  operation: 'validate';
  kind: ValidationKind;
  /** Prefix and a few characters (`pt_3f9a1c…`), see `redactToken`. */
  token: string;
  /** Age of the token when CaptchaLa answered, from `captcha_args.solved_at`; null when unknown. */
  tokenAgeMs: number | null;
  /** Where the client IP passed to `validate` came from (when passed as `getClientIp`'s result). */
  clientIpSource: ClientIpSource | null;
  /** Which URL was called: the main API, the fallback (`offline_`), or none. */
  endpoint: 'main' | 'fallback' | null;
  /** The action CaptchaLa echoed, and the one expected. */
  action: string | null;
  expectedAction: string | null;
  degraded: boolean;
  /** E.g. for client-only tokens, which nobody verified. */
  warning: string | null;
}

/** One record per `issueServerToken()` call. */
export interface IssueDiagnostic extends CaptchalaDiagnosticBase {
  operation: 'issue_server_token';
  /** Null when a server token was issued. */
  kind: FailureKind | null;
  action: string;
}

export type CaptchalaDiagnostic = ValidationDiagnostic | IssueDiagnostic;
