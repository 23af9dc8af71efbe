import { readBytes, utf8Decoder } from '../body/readBytes';
import { DEFAULTS } from '../DEFAULTS';

/** What one HTTP attempt gave: an answer, or none and why. */
export type Exchange =
  | {
      type: 'answer';
      status: number;
      /** The parsed JSON body; undefined when it was not JSON (a proxy's HTML page) or too large. */
      body: unknown;
    }
  | {
      type: 'lost';
      reason: 'timeout' | 'network_error';
      /** False only when the connection itself failed: then CaptchaLa never saw the request. */
      mayHaveArrived: boolean;
      detail: string;
    }
  | { type: 'aborted' };

/** One POST: resolves the status and the body's bytes (null past `DEFAULTS.maxResponseBytes`); rejects when lost. */
export type Transport = (request: {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Aborts the request: the timeout fired, or the caller's signal did. */
  signal: AbortSignal;
}) => Promise<{ status: number; bytes: Uint8Array | null }>;

export interface PostJsonOptions {
  transport: Transport;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/** Connection failures: the request never left, so it cannot have consumed anything. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function causeCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function parseJson(bytes: Uint8Array | null): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(utf8Decoder.decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Over a `fetch` (fetch runtimes, or one the caller gave). Redirects are not followed: fetch would carry the
 * secret header to the redirect target, and a redirect means the configured URL is wrong anyway. The answer is
 * read whole when its declared length is within the cap (the framing holds the body to it), else streamed and cut.
 */
export function fetchTransport(fetch: typeof globalThis.fetch): Transport {
  return async ({ url, headers, body, signal }) => {
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal });
    const max = DEFAULTS.maxResponseBytes;
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    const bytes =
      declared <= max
        ? new Uint8Array(await response.arrayBuffer())
        : await readBytes(response.body, { maxBytes: max });
    return { status: response.status, bytes };
  };
}

/**
 * One POST of a JSON body, bounded by `timeoutMs` (headers and body both) and by the caller's signal. Never
 * throws: every outcome is an `Exchange`.
 */
export async function postJson(options: PostJsonOptions): Promise<Exchange> {
  const { signal } = options;
  if (signal?.aborted) return { type: 'aborted' };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const { status, bytes } = await options.transport({
      url: options.url,
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(options.body),
      signal: controller.signal,
    });
    return { type: 'answer', status, body: parseJson(bytes) };
  } catch (error) {
    if (signal?.aborted) return { type: 'aborted' };
    const code = causeCode(error);
    return {
      type: 'lost',
      reason: timedOut ? 'timeout' : 'network_error',
      mayHaveArrived: timedOut || !code || !NOT_SENT.has(code),
      detail: timedOut ? `no answer within ${options.timeoutMs} ms` : (code ?? String(error)),
    };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
