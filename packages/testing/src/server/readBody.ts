import type { IncomingMessage } from 'node:http';
import { HttpError } from './HttpError';

/** Request bodies larger than this are refused with 413 before they are read whole. */
export const MAX_BODY_BYTES = 64 * 1024;

interface ReadBodyOptions {
  /** How errors look: the API's `{code, msg, data}` envelope (default) or the SDK/test endpoints' `{error, message}`. */
  style?: 'api' | 'plain';
}

function bodyError(
  status: number,
  code: string,
  message: string,
  style: ReadBodyOptions['style'],
): HttpError {
  return new HttpError(
    status,
    style === 'plain' ? { error: code, message } : { code: status, msg: message, data: { error: code } },
  );
}

const isJson = (req: IncomingMessage) => /^application\/json\b/i.test(req.headers['content-type'] ?? '');

/**
 * Test-only POSTs take `application/json` only, with a body or without: a page on another site cannot send that
 * type without a CORS preflight. It backs up the same-origin check (`crossOriginRefusal`), which refuses the request
 * itself where the host server answers that preflight (Vite does, for every localhost origin).
 */
export function requireJson(req: IncomingMessage): void {
  if (!isJson(req)) {
    throw bodyError(415, 'unsupported_media_type', 'send JSON with content-type: application/json', 'plain');
  }
}

/**
 * The stand-in's one body reader, for every route: a JSON object or urlencoded fields, at most `MAX_BODY_BYTES`
 * (413 past it, declared or read). Its own model of the service, on purpose not `@captchala-kit/server`'s reader:
 * the kit is tested against it, so the two must not share a rule or a default.
 */
export async function readBody(
  req: IncomingMessage,
  options: ReadBodyOptions = {},
): Promise<Record<string, unknown>> {
  const { style = 'api' } = options;
  const type = req.headers['content-type'] ?? '';
  const json = isJson(req);
  const tooLarge = () =>
    bodyError(413, 'payload_too_large', `request body over ${MAX_BODY_BYTES} bytes`, style);
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  if (!json && type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw bodyError(400, 'malformed_body', 'malformed request body: expected a JSON object', style);
}

/** A field as a string (numbers too), or undefined. */
export const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
/** A field as a flag: `true`, `'true'`, `'1'` and `1` are set. */
export const bool = (value: unknown): boolean =>
  value === true || value === 'true' || value === '1' || value === 1;
/** A field as a positive number, or undefined. */
export const num = (value: unknown): number | undefined => {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
};
