/** What a validation concluded: the discriminant of `ValidationResult`, with `valid`. */
export const ValidationKind = {
  /** CaptchaLa vouched for the token (or, for `client_`/`co_` tokens let in by `acceptClientOnly`, nobody did). */
  Valid: 'valid',
  /** CaptchaLa refused the token (expired, consumed, wrong action, …): the user solves again. */
  Invalid: 'invalid',
  /** CaptchaLa refused *you*: key, secret, disabled app, wrong URL. Fix the configuration; users see a generic error. */
  Misconfigured: 'misconfigured',
  /** No verdict: timeout, network, 5xx, rate limit, quota (degraded). Never an invalid token. */
  Unavailable: 'unavailable',
  /** Not a pass token at all (empty, not a string, wrong prefix, too long, bad characters); no call was made. */
  Malformed: 'malformed',
} as const;
export type ValidationKind = (typeof ValidationKind)[keyof typeof ValidationKind];
export type FailureKind = Exclude<ValidationKind, typeof ValidationKind.Valid>;
/** What CaptchaLa's answers can mean: `malformed` is only ever decided before a call. */
export type ProviderFailureKind = Exclude<FailureKind, typeof ValidationKind.Malformed>;

/** Reasons the kit names itself, and the provider's codes it knows (contract §5a). Others pass through as is. */
export const ValidationReason = {
  // malformed
  EmptyToken: 'empty_token',
  NotAString: 'not_a_string',
  TokenTooLong: 'token_too_long',
  InvalidCharacters: 'invalid_characters',
  UnknownPrefix: 'unknown_prefix',
  // invalid
  InvalidToken: 'invalid_token',
  /**
   * CaptchaLa's `/v1/validate` reason (contract §5a): the PASS token outlived its lifetime before the server
   * validated it. Not the browser SDK's `token_expired` error (contract §2), which is about the SDK's own
   * challenge session and makes the widget re-init (see `CaptchalaSdkErrorCode` in @captchala-kit/core).
   */
  TokenExpired: 'token_expired',
  TokenConsumed: 'token_consumed',
  TokenActionMismatch: 'token_action_mismatch',
  TokenIpMismatch: 'token_ip_mismatch',
  TokenUidMismatch: 'token_uid_mismatch',
  BindingMismatch: 'binding_mismatch',
  InvalidAction: 'invalid_action',
  UnknownError: 'unknown_error',
  /** A `client_`/`co_` token: nobody can verify it, and anybody can type one. Refused unless `acceptClientOnly`. */
  ClientOnlyToken: 'client_only_token',
  /** An IP binding was asked for (`clientIp`), but the client's address could not be established. */
  ClientIpUnknown: 'client_ip_unknown',
  // misconfigured
  InvalidAppKey: 'invalid_app_key',
  InvalidAppSecret: 'invalid_app_secret',
  InvalidCredentials: 'invalid_credentials',
  AppDisabled: 'app_disabled',
  UnexpectedRedirect: 'unexpected_redirect',
  // unavailable
  RateLimitExceeded: 'rate_limit_exceeded',
  RequestFailed: 'request_failed',
  Timeout: 'timeout',
  NetworkError: 'network_error',
  ProviderError: 'provider_error',
  BadResponse: 'bad_response',
  OutcomeUnknown: 'outcome_unknown',
  Aborted: 'aborted',
  QuotaExhausted: 'quota_exhausted',
} as const;
export type ValidationReason = (typeof ValidationReason)[keyof typeof ValidationReason];

export interface ValidationResultBase {
  /** Also in the diagnostic record: correlate a result with its log line. */
  requestId: string;
}

export interface ValidResult extends ValidationResultBase {
  valid: true;
  kind: typeof ValidationKind.Valid;
  /** The scene the token was solved for (`data.action`); null for client-only tokens. */
  action: string | null;
  challengeId: string | null;
  /** The uid bound through the server token's `bind_uid`, if any. */
  uid: string | null;
  /** An `offline_` token, verified by the fallback service. */
  offline: boolean;
  /** A `client_`/`co_` token that nobody verified, let in only because you passed `acceptClientOnly: true`. */
  clientOnly: boolean;
  /**
   * The solve context as CaptchaLa sent it (`platform`, `user_ip`, `solved_at`, …; in the older docs' answer,
   * `risk_score` and `client_ip` from `data`). Informational only.
   */
  captchaArgs: Readonly<Record<string, unknown>> | null;
  /** Set for client-only tokens (which only `acceptClientOnly: true` lets in). */
  warning: string | null;
}

export interface FailedResult extends ValidationResultBase {
  valid: false;
  kind: FailureKind;
  /** Machine-readable: a `ValidationReason` or a code the provider sent. */
  reason: ValidationReason | (string & {});
  /** For logs: what happened and what to do. Never contains the secret or the token. */
  message: string;
  /** The provider answered `degraded: true` (`dg_` token, app quota exhausted): your call whether to accept. */
  degraded: boolean;
}

/** `validate()`'s answer: narrow on `valid`, then on `kind`. */
export type ValidationResult = ValidResult | FailedResult;
