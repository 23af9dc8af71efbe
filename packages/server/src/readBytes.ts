import type { IncomingMessage } from 'node:http';
import { CaptchalaHttpError, HttpErrorCode } from './CaptchalaHttpError';

/**
 * Decodes UTF-8 and throws on malformed bytes. One instance serves every call: `decode()` without `{stream: true}`
 * starts afresh each time.
 */
export const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const tooSlow = (timeoutMs: number) =>
  new CaptchalaHttpError(
    408,
    HttpErrorCode.RequestTimeout,
    `The request body did not arrive within ${timeoutMs} ms.`,
  );

/**
 * Reads a body stream whole unless it passes `maxBytes` (then stops reading and resolves null) or takes longer
 * than `timeoutMs` (then stops and throws a 408 `CaptchalaHttpError`).
 */
export async function readCappedBytes(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  timeoutMs?: number,
): Promise<Uint8Array | null> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  let timedOut = false;
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          reader.cancel().catch(() => undefined);
        }, timeoutMs);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (timedOut) throw tooSlow(timeoutMs ?? 0);
      if (done) return concat(chunks, size);
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads a Node request body, like `readCappedBytes`. Event based, not async iteration: leaving a `for await`
 * early would destroy the socket before the 413 or 408 is sent. A client that goes away mid-body rejects.
 */
export function readNodeBytes(
  req: IncomingMessage,
  maxBytes: number,
  timeoutMs: number,
): Promise<Uint8Array | null> {
  if (req.readableEnded) return Promise.resolve(new Uint8Array(0));
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      settle();
    };
    const onData = (chunk: Uint8Array | string) => {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      size += bytes.byteLength;
      if (size <= maxBytes) return void chunks.push(bytes);
      req.resume();
      finish(() => resolve(null));
    };
    const onEnd = () => finish(() => resolve(concat(chunks, size)));
    const onError = (error: unknown) => finish(() => reject(error));
    const onClose = () => finish(() => reject(new Error('the client closed the request mid-body')));
    const timer = setTimeout(() => {
      req.resume();
      finish(() => reject(tooSlow(timeoutMs)));
    }, timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * A request body read under `maxBytes`, for either kind of request: 413 when its declared length passes the cap
 * (then `read` is not called) or `read` resolves null (it passed the cap while read); a `CaptchalaHttpError` from
 * `read` (a 408) as is; 400 when the stream fails.
 */
export async function readWithinCap(
  declaredLength: string | null | undefined,
  maxBytes: number,
  read: () => Promise<Uint8Array | null>,
): Promise<Uint8Array> {
  const bytes =
    Number(declaredLength) > maxBytes
      ? null
      : await read().catch((error: unknown) => {
          if (error instanceof CaptchalaHttpError) throw error;
          throw new CaptchalaHttpError(400, HttpErrorCode.InvalidBody, 'The request body could not be read.');
        });
  if (!bytes) {
    throw new CaptchalaHttpError(
      413,
      HttpErrorCode.PayloadTooLarge,
      `The request body is larger than ${maxBytes} bytes.`,
    );
  }
  return bytes;
}
