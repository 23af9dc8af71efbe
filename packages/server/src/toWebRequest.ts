import type { IncomingMessage } from 'node:http';
import { concatBytes } from './concatBytes';
import { readWithinCap } from './readWithinCap';

/** A Node request, possibly with a body a framework already parsed (Express's `express.json()`: `req.body`). */
export type NodeRequest = IncomingMessage & { body?: unknown };

/**
 * Reads a Node request body, stopping at `maxBytes` (resolves null; the rest is drained, not kept). Event based,
 * not async iteration: leaving a `for await` early would destroy the socket before the 413 is sent.
 */
function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array | null> {
  if (req.readableEnded) return Promise.resolve(new Uint8Array(0));
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Uint8Array | string) => {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      size += bytes.byteLength;
      if (size <= maxBytes) return void chunks.push(bytes);
      cleanup();
      req.resume();
      resolve(null);
    };
    const onEnd = () => {
      cleanup();
      resolve(concatBytes(chunks, size));
    };
    const onError = (error: unknown) => {
      cleanup();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
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

function requestUrl(req: IncomingMessage): URL {
  const path = req.url ?? '/';
  try {
    return new URL(path, `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    return new URL(path.startsWith('/') ? path : '/', 'http://localhost');
  }
}

/**
 * A web `Request` for a Node request, its body read under the cap. When a framework already parsed the body
 * (`req.body`), that is used instead (as JSON when it is an object), since the stream is gone.
 */
export async function toWebRequest(req: NodeRequest, options: { maxBodyBytes: number }): Promise<Request> {
  const method = req.method ?? 'GET';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  // The body below is what was read, not what these described.
  headers.delete('content-length');
  headers.delete('transfer-encoding');
  const url = requestUrl(req);
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  let body: Uint8Array | string;
  const parsed = parsedBody(req);
  if (parsed !== undefined) {
    if (typeof parsed === 'string' || parsed instanceof Uint8Array) body = parsed;
    else {
      body = JSON.stringify(parsed);
      headers.set('content-type', 'application/json');
    }
  } else {
    body = await readWithinCap(req.headers['content-length'], options.maxBodyBytes, () =>
      readNodeBody(req, options.maxBodyBytes),
    );
  }
  return new Request(url, { method, headers, body: body as BodyInit });
}
