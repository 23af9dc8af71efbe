/** Every default of the package, defined once and read everywhere. */
export const DEFAULTS = {
  /** CaptchaLa's API (contract §5). */
  baseUrl: 'https://apiv1.captcha.la',
  /** Where `offline_` tokens validate (contract §5a): a full URL, not a base. */
  fallbackUrl: 'https://fallbackapiv1.captchala.com/api/validate',
  /** Per HTTP attempt, like the official server SDKs. */
  timeoutMs: 5000,
  /**
   * One call to CaptchaLa, retries included: a slow or silent provider answers `unavailable` within this, so it
   * cannot pin the site's requests (one full attempt, and a quick retry after a fast failure).
   */
  deadlineMs: 6000,
  /** Extra attempts after an answer was lost (network error, timeout, 5xx). */
  retries: 1,
  /** Most retries a client accepts: each one can hold a request for another `timeoutMs`. */
  maxRetries: 5,
  /** First backoff before a retry; doubles per retry, with jitter. */
  retryDelayMs: 200,
  /** A server token's lifetime when CaptchaLa's answer names none (contract §3). */
  serverTokenTtlS: 300,
  /** Longest pass token sent to CaptchaLa; longer ones are `malformed` without a call. */
  maxTokenLength: 2048,
  /** Largest answer read from CaptchaLa (its answers are a few hundred bytes). */
  maxResponseBytes: 1024 * 1024,
  /** Largest request body the handlers read (413 beyond). */
  maxBodyBytes: 64 * 1024,
  /** How long the handlers wait for a whole request body (408 beyond): a trickled body cannot hold a request. */
  bodyTimeoutMs: 10_000,
  /** Challenges a server token allows when the endpoint names none: what the official plugins use (contract §3). */
  maxUses: 3,
  /** Bounds of `ttl` (seconds) and `maxUses`: a server token is a short-lived retry budget, never a pass. */
  ttlRange: [1, 3600],
  maxUsesRange: [1, 20],
  /**
   * The element's form field name (its `DEFAULTS.name`). The server depends on no browser package, so it spells it
   * here; scripts/test/tokenField.test.ts holds the two (and the stand-in's site backend) equal.
   */
  tokenField: 'captchala_token',
  /** Header AJAX clients may send the pass token in (contract §4). */
  tokenHeader: 'x-captcha-token',
  /** Which forwarding header `getClientIp` reads when proxies are trusted. */
  forwardedHeader: 'x-forwarded-for',
} as const;
