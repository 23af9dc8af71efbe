import { jsonResponse } from './jsonResponse';

/** Codes of the handlers' own 4xx/5xx answers, `{error: {code, message}}`. */
export const HttpErrorCode = {
  MethodNotAllowed: 'method_not_allowed',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  InvalidBody: 'invalid_body',
  MissingField: 'missing_field',
  UnknownAction: 'unknown_action',
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
