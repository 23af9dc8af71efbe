import { type BodyFields, readBody } from '../body/readBody';
import { DEFAULTS } from '../DEFAULTS';
import { compileAllowedOrigins, refuseCrossSite } from './checkSameOrigin';

export interface ReadCaptchalaTokenOptions {
  /** Form field holding the token (default `captchala_token`, the element's `name`). */
  field?: string;
  /** Largest body read (default 64 KB). */
  maxBodyBytes?: number;
  /** Longest wait for the whole body (default 10 s): 408 beyond. */
  bodyTimeoutMs?: number;
  /** Origins of your own other sites whose pages may post here (default none: other sites get 403). */
  allowedOrigins?: readonly string[];
  /** Parse a body without a content type as JSON (default false: 415; such a body needs no CORS preflight). */
  untypedBodyAsJson?: boolean;
}

export interface CaptchalaTokenInput {
  /** What was submitted: give it to `validate()` as is (it says `malformed` when it is no token). */
  token: unknown;
  /** Every field of the body, the token's included (a null-prototype object). */
  fields: BodyFields;
}

/** The body's field when present and non-empty, else the `X-Captcha-Token` header (contract §4), else undefined. */
export function pickToken(fields: BodyFields, header: string | null | undefined, field: string): unknown {
  const value = Object.hasOwn(fields, field) ? fields[field] : undefined;
  return value !== undefined && value !== '' ? value : (header ?? undefined);
}

/**
 * Reads the pass token a form or a fetch submitted: from a JSON, urlencoded or multipart body under `field`, or
 * from the `X-Captcha-Token` header. Reads the body (so returns its fields too); throws `CaptchalaHttpError`
 * for a request from another site (403), a body that is too large (413), too slow (408), of another type or
 * without one (415) or broken (400).
 */
export async function readCaptchalaToken(
  request: Request,
  options: ReadCaptchalaTokenOptions = {},
): Promise<CaptchalaTokenInput> {
  const { field = DEFAULTS.tokenField, maxBodyBytes, bodyTimeoutMs, untypedBodyAsJson } = options;
  const allowed = compileAllowedOrigins(options.allowedOrigins, 'readCaptchalaToken');
  refuseCrossSite({ header: (name) => request.headers.get(name), host: new URL(request.url).host }, allowed);
  const fields = request.body
    ? await readBody(request, { maxBytes: maxBodyBytes, timeoutMs: bodyTimeoutMs, untypedBodyAsJson })
    : Object.create(null);
  return { token: pickToken(fields, request.headers.get(DEFAULTS.tokenHeader), field), fields };
}
