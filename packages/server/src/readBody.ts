import { CaptchalaHttpError, HttpErrorCode } from './CaptchalaHttpError';
import { DEFAULTS } from './defaults';
import { readCappedBytes } from './readCappedBytes';
import { readWithinCap } from './readWithinCap';
import { utf8Decoder } from './utf8Decoder';

/** A parsed body: a JSON object's members, or form fields (repeated names become arrays, files stay `File`s). */
export type BodyFields = Record<string, unknown>;

export interface ReadBodyOptions {
  /** Largest body read (default 64 KB); beyond it, 413 without reading the rest. */
  maxBytes?: number;
}

const invalid = (message: string) => new CaptchalaHttpError(400, HttpErrorCode.InvalidBody, message);

function collect(entries: Iterable<[string, unknown]>): BodyFields {
  const fields: BodyFields = {};
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

/**
 * Reads a request body once, capped before it is read whole, and parses it by content type: JSON (an object),
 * `application/x-www-form-urlencoded` or `multipart/form-data`. Throws `CaptchalaHttpError` (413, 415, 400).
 */
export async function readBody(request: Request, options: ReadBodyOptions = {}): Promise<BodyFields> {
  const { maxBytes = DEFAULTS.maxBodyBytes } = options;
  const bytes = await readWithinCap(request.headers.get('content-length'), maxBytes, () =>
    readCappedBytes(request.body, maxBytes),
  );
  if (bytes.byteLength === 0) return {};
  const contentType = request.headers.get('content-type') ?? '';
  const mime = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mime === '' || mime === 'application/json' || mime.endsWith('+json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(decode(bytes));
    } catch (error) {
      throw error instanceof CaptchalaHttpError ? error : invalid('The request body is not valid JSON.');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw invalid('The request body must be a JSON object.');
    }
    return parsed as BodyFields;
  }
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
  throw new CaptchalaHttpError(
    415,
    HttpErrorCode.UnsupportedMediaType,
    'Send JSON, application/x-www-form-urlencoded or multipart/form-data.',
  );
}
