import { DEFAULTS } from './defaults';
import { type BodyFields, readBody } from './readBody';

export interface ReadCaptchalaTokenOptions {
  /** Form field holding the token (default `captchala_token`, the element's `name`). */
  field?: string;
  /** Largest body read (default 64 KB). */
  maxBodyBytes?: number;
}

export interface CaptchalaTokenInput {
  /** What was submitted: give it to `validate()` as is (it says `malformed` when it is no token). */
  token: unknown;
  /** Every field of the body, the token's included. */
  fields: BodyFields;
}

/** The body's field when present and non-empty, else the `X-Captcha-Token` header (contract §4), else undefined. */
export function pickToken(fields: BodyFields, header: string | null | undefined, field: string): unknown {
  const value = fields[field];
  return value !== undefined && value !== '' ? value : (header ?? undefined);
}

/**
 * Reads the pass token a form or a fetch submitted: from a JSON, urlencoded or multipart body under `field`, or
 * from the `X-Captcha-Token` header. Reads the body (so returns its fields too); throws `CaptchalaHttpError`
 * for a body that is too large (413), of another type (415) or broken (400).
 */
export async function readCaptchalaToken(
  request: Request,
  options: ReadCaptchalaTokenOptions = {},
): Promise<CaptchalaTokenInput> {
  const { field = DEFAULTS.tokenField, maxBodyBytes } = options;
  const fields = request.body ? await readBody(request, { maxBytes: maxBodyBytes }) : {};
  return { token: pickToken(fields, request.headers.get(DEFAULTS.tokenHeader), field), fields };
}
