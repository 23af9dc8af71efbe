/** A JSON `Response` that no cache keeps (server tokens and verdicts are per request). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** Codes of the handlers' own 4xx/5xx answers, `{error: {code, message}}`. */
export const HttpErrorCode = {
  MethodNotAllowed: 'method_not_allowed',
  PayloadTooLarge: 'payload_too_large',
  /** The body did not arrive whole within `bodyTimeoutMs` (a trickled upload). */
  RequestTimeout: 'request_timeout',
  UnsupportedMediaType: 'unsupported_media_type',
  InvalidBody: 'invalid_body',
  MissingField: 'missing_field',
  UnknownAction: 'unknown_action',
  /** A browser request from another site (`Sec-Fetch-Site`, `Origin`) that `allowedOrigins` does not list. */
  CrossSiteRequest: 'cross_site_request',
  /** `bindTo` asked for a binding (an IP or uid of null) that could not be established: nothing is issued. */
  BindingUnavailable: 'binding_unavailable',
  /** CaptchaLa could not issue a server token (unavailable or misconfigured: the log says which). */
  ServerTokenUnavailable: 'server_token_unavailable',
  /** CaptchaLa could not check the token (unavailable or misconfigured: the log says which). */
  CaptchaUnavailable: 'captcha_unavailable',
} as const;
export type HttpErrorCode = (typeof HttpErrorCode)[keyof typeof HttpErrorCode];

/** A request the handlers refuse, with the status and JSON body to answer; `toResponse()` builds it. */
export class CaptchalaHttpError extends Error {
  override readonly name = 'CaptchalaHttpError';
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  toResponse(): Response {
    return jsonResponse(
      this.status,
      { error: { code: this.code, message: this.message } },
      { ...this.headers },
    );
  }
}
