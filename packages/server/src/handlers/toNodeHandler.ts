import type { IncomingMessage, ServerResponse } from 'node:http';
import { type NodeRequest, parsedBody } from '../body/readBody';
import { readRequestBytes } from '../body/readBytes';
import { rememberPeer } from '../clientIp/getClientIp';
import { DEFAULTS } from '../DEFAULTS';
import { CaptchalaHttpError } from './CaptchalaHttpError';
import type { WebHandler } from './createServerTokenHandler';
import { sendWebResponse } from './sendWebResponse';

/** Node `http`'s `(req, res)`, and Express's `(req, res, next)`: errors go to `next` when there is one. */
export type NodeHandler = (req: NodeRequest, res: ServerResponse, next?: (error?: unknown) => void) => void;

export interface ToNodeHandlerOptions {
  /** Largest request body read (default 64 KB): 413 before reading more. */
  maxBodyBytes?: number;
  /** Longest wait for the whole body (default 10 s): 408 beyond. */
  bodyTimeoutMs?: number;
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
 * A web `Request` for a Node request, its body read within `limits`, carrying the socket peer (for `getClientIp`)
 * and `signal`, which aborts when the client goes away. When a framework already parsed the body (`req.body`),
 * that is used instead (as JSON when it is an object), since the stream is gone.
 */
async function toWebRequest(
  req: NodeRequest,
  limits: { maxBytes: number; timeoutMs: number },
  signal: AbortSignal,
): Promise<Request> {
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
  let body: Uint8Array | string | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = parsedBody(req);
    if (parsed === undefined) {
      body = await readRequestBytes(req, limits);
    } else if (typeof parsed === 'string' || parsed instanceof Uint8Array) body = parsed;
    else {
      body = JSON.stringify(parsed);
      headers.set('content-type', 'application/json');
    }
  }
  const request = new Request(url, { method, headers, body: body as BodyInit | undefined, signal });
  rememberPeer(request, req.socket?.remoteAddress);
  return request;
}

/**
 * Runs a web-standard handler (`createServerTokenHandler`'s, or your own) under Node `http` or Express. Bodies
 * are capped while read; a body Express already parsed is used as is. The web `Request` carries the socket peer
 * (so `getClientIp` works in every mode) and a `signal` that aborts when the client goes away. Without `next`,
 * an unexpected error is a bare 500 (the handlers themselves answer every bad request with a 4xx).
 */
export function toNodeHandler(handler: WebHandler, options: ToNodeHandlerOptions = {}): NodeHandler {
  const { maxBodyBytes = DEFAULTS.maxBodyBytes, bodyTimeoutMs = DEFAULTS.bodyTimeoutMs } = options;
  const run = async (req: NodeRequest, res: ServerResponse) => {
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    let response: Response;
    try {
      response = await handler(
        await toWebRequest(req, { maxBytes: maxBodyBytes, timeoutMs: bodyTimeoutMs }, gone.signal),
      );
    } catch (error) {
      if (!(error instanceof CaptchalaHttpError)) throw error;
      response = error.toResponse();
    }
    if (!gone.signal.aborted) await sendWebResponse(res, response);
  };
  return (req, res, next) => {
    run(req, res).catch((error: unknown) => {
      if (next) return next(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
}
