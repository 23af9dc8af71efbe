import type { IncomingMessage } from 'node:http';
import { DEFAULTS } from '../DEFAULTS';
import { CaptchalaHttpError, HttpErrorCode } from '../handlers/CaptchalaHttpError';
import { readRequestBytes, utf8Decoder } from './readBytes';

/**
 * A parsed body: a JSON object's members, or form fields (repeated names become arrays, files stay `File`s). A
 * null-prototype object: a field named `__proto__`, `constructor` or `hasOwnProperty` is data like any other
 * (read fields with `Object.hasOwn` or `body[name]`, never `body.hasOwnProperty(name)`).
 */
export type BodyFields = Record<string, unknown>;

/** A Node request, possibly with a body a framework already parsed (Express's `express.json()`: `req.body`). */
export type NodeRequest = IncomingMessage & { body?: unknown };

export interface ReadBodyOptions {
  /** Largest body read (default 64 KB); beyond it, 413 without reading the rest. */
  maxBytes?: number;
  /** Longest wait for the whole body (default 10 s); beyond it, 408. */
  timeoutMs?: number;
  /** Take JSON only, with `content-type: application/json` (415 otherwise, even without a body). */
  jsonOnly?: boolean;
  /**
   * Parse a body without a content type as JSON (default false: 415). A browser sends such a body cross-site
   * without a CORS preflight, so taking it as JSON would lose the preflight that guards JSON endpoints.
   */
  untypedBodyAsJson?: boolean;
}

const invalid = (message: string) => new CaptchalaHttpError(400, HttpErrorCode.InvalidBody, message);
const unsupported = (message: string) =>
  new CaptchalaHttpError(415, HttpErrorCode.UnsupportedMediaType, message);

function collect(entries: Iterable<[string, unknown]>): BodyFields {
  const fields: BodyFields = Object.create(null);
  for (const [name, value] of entries) {
    const previous = fields[name];
    fields[name] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return fields;
}

function decode(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw invalid('The request body is not UTF-8.');
  }
}

const mimeOf = (contentType: string) => contentType.split(';')[0]?.trim().toLowerCase() ?? '';
const isJson = (mime: string) => mime === 'application/json' || mime.endsWith('+json');

function parseJson(bytes: Uint8Array): BodyFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decode(bytes));
  } catch (error) {
    throw error instanceof CaptchalaHttpError ? error : invalid('The request body is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid('The request body must be a JSON object.');
  }
  // JSON.parse makes `"__proto__"` an own member already; the copy only drops Object.prototype's methods.
  return Object.assign(Object.create(null), parsed);
}

/** 415 before anything is read when the endpoint takes JSON only and the request says it is something else. */
function checkJsonOnly(contentType: string, options: ReadBodyOptions): void {
  if (options.jsonOnly && !isJson(mimeOf(contentType))) {
    throw unsupported('Send JSON with content-type: application/json.');
  }
}

/** Parses a body read whole, by its content type: JSON (an object), urlencoded or multipart. */
async function parseBody(
  bytes: Uint8Array,
  contentType: string,
  options: ReadBodyOptions = {},
): Promise<BodyFields> {
  checkJsonOnly(contentType, options);
  const mime = mimeOf(contentType);
  if (bytes.byteLength === 0) return Object.create(null);
  if (isJson(mime) || (mime === '' && options.untypedBodyAsJson)) return parseJson(bytes);
  if (mime === 'application/x-www-form-urlencoded') return collect(new URLSearchParams(decode(bytes)));
  if (mime === 'multipart/form-data') {
    const form = await new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': contentType },
    })
      .formData()
      .catch(() => {
        throw invalid('The multipart body does not parse.');
      });
    return collect(form);
  }
  throw unsupported(
    mime === ''
      ? 'The body has no content type: send JSON with content-type: application/json, or a form.'
      : 'Send JSON, application/x-www-form-urlencoded or multipart/form-data.',
  );
}

/**
 * Reads a web request body once, capped before it is read whole and bounded in time, and parses it. Throws
 * `CaptchalaHttpError` (413, 408, 415, 400).
 */
export async function readBody(request: Request, options: ReadBodyOptions = {}): Promise<BodyFields> {
  const { maxBytes = DEFAULTS.maxBodyBytes, timeoutMs = DEFAULTS.bodyTimeoutMs } = options;
  const contentType = request.headers.get('content-type') ?? '';
  checkJsonOnly(contentType, options);
  const bytes = await readRequestBytes(request, { maxBytes, timeoutMs });
  return parseBody(bytes, contentType, options);
}

/**
 * The body a framework already parsed, or undefined when the stream is still to be read. Express 4's parsers set
 * `req.body = {}` even for content types they skip (leaving the stream unread): that placeholder is no body.
 */
export function parsedBody(req: NodeRequest): unknown {
  const { body } = req;
  const placeholder =
    typeof body === 'object' && body !== null && Object.keys(body).length === 0 && !req.readableEnded;
  return placeholder ? undefined : body;
}

const isFields = (value: unknown): value is BodyFields =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * A Node request's fields, read straight from the socket (no web `Request` in between), or what a body parser
 * left in `req.body`. Same limits and errors as `readBody`.
 */
export async function readNodeBody(req: NodeRequest, options: ReadBodyOptions = {}): Promise<BodyFields> {
  const { maxBytes = DEFAULTS.maxBodyBytes, timeoutMs = DEFAULTS.bodyTimeoutMs } = options;
  const contentType = req.headers['content-type'] ?? '';
  checkJsonOnly(contentType, options);
  const parsed = parsedBody(req);
  if (isFields(parsed)) return parsed;
  const bytes =
    parsed === undefined
      ? await readRequestBytes(req, { maxBytes, timeoutMs })
      : typeof parsed === 'string'
        ? new TextEncoder().encode(parsed)
        : (parsed as Uint8Array);
  return parseBody(bytes, contentType, options);
}
