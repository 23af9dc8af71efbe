import type { IncomingMessage } from 'node:http';
import { CaptchalaHttpError, HttpErrorCode } from '../handlers/CaptchalaHttpError';

/**
 * Decodes UTF-8 and throws on malformed bytes. One instance serves every call: `decode()` without `{stream: true}`
 * starts afresh each time.
 */
export const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Where bytes come from: a web stream (a `Request`'s body, a `fetch` answer's) or a Node request. */
export type ByteSource = ReadableStream<Uint8Array> | IncomingMessage;

export interface ReadBytesOptions {
  /** Past this many bytes reading stops, and the result is null. */
  maxBytes: number;
  /** Past this many ms reading stops, with a 408 `CaptchalaHttpError` (default: no limit). */
  timeoutMs?: number | undefined;
}

interface Sink {
  chunk(bytes: Uint8Array): void;
  end(): void;
  fail(error: unknown): void;
}

/** Stops feeding the sink; `early` (past the cap, out of time): the rest is unwanted. */
type Stop = (early: boolean) => void;

const isWebStream = (source: ByteSource): source is ReadableStream<Uint8Array> =>
  typeof (source as ReadableStream).getReader === 'function';

function pumpStream(stream: ReadableStream<Uint8Array>, sink: Sink): Stop {
  const reader = stream.getReader();
  let stopped = false;
  const next = (): void => {
    reader.read().then(
      ({ done, value }) => {
        if (stopped) return;
        if (done) return sink.end();
        sink.chunk(value);
        if (!stopped) next();
      },
      (error: unknown) => {
        if (!stopped) sink.fail(error);
      },
    );
  };
  next();
  return (early) => {
    stopped = true;
    if (early) reader.cancel().catch(() => undefined);
  };
}

/**
 * Event based, not async iteration: leaving a `for await` early would destroy the socket before the 413 or 408 is
 * sent. Stopped early, the rest is let flow and dropped (`sendWebResponse` bounds how long). A client that goes
 * away mid-body fails the read.
 */
function pumpNode(req: IncomingMessage, sink: Sink): Stop {
  const onData = (chunk: Uint8Array | string) =>
    sink.chunk(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  const onEnd = () => sink.end();
  const onError = (error: unknown) => sink.fail(error);
  const onClose = () => sink.fail(new Error('the client closed the request mid-body'));
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
  req.on('close', onClose);
  return (early) => {
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    req.off('close', onClose);
    if (early) req.resume();
  };
}

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
 * The package's one capped reader: reads a body whole unless it passes `maxBytes` (then stops reading and
 * resolves null) or takes longer than `timeoutMs` (then stops and rejects with a 408 `CaptchalaHttpError`). A
 * failing source rejects with its error.
 */
export function readBytes(source: ByteSource | null, options: ReadBytesOptions): Promise<Uint8Array | null> {
  const { maxBytes, timeoutMs } = options;
  if (!source || (!isWebStream(source) && source.readableEnded)) return Promise.resolve(new Uint8Array(0));
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (early: boolean, settle: () => void) => {
      clearTimeout(timer);
      stop(early);
      settle();
    };
    const sink: Sink = {
      chunk(bytes) {
        size += bytes.byteLength;
        if (size <= maxBytes) return void chunks.push(bytes);
        finish(true, () => resolve(null));
      },
      end: () => finish(false, () => resolve(concat(chunks, size))),
      fail: (error) => finish(false, () => reject(error)),
    };
    const stop = isWebStream(source) ? pumpStream(source, sink) : pumpNode(source, sink);
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => finish(true, () => reject(tooSlow(timeoutMs))), timeoutMs);
    }
  });
}

/** A web `Request` or a Node request, whose body `readRequestBytes` reads. */
type RequestWithBody = Request | IncomingMessage;

const isWebRequest = (request: RequestWithBody): request is Request =>
  typeof (request.headers as Headers).get === 'function';

/**
 * A request body, web or Node, read with `readBytes` under `maxBytes` and `timeoutMs`: 413 when its declared
 * length passes the cap (then nothing is read) or its bytes do; 408 when it is too slow; 400 when the stream fails.
 * Every refusal is a `CaptchalaHttpError`.
 */
export async function readRequestBytes(
  request: RequestWithBody,
  options: Required<ReadBytesOptions>,
): Promise<Uint8Array> {
  const { maxBytes } = options;
  const web = isWebRequest(request);
  const declaredLength = web ? request.headers.get('content-length') : request.headers['content-length'];
  const bytes =
    Number(declaredLength) > maxBytes
      ? null
      : await readBytes(web ? request.body : request, options).catch((error: unknown) => {
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
