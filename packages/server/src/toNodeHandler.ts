import type { ServerResponse } from 'node:http';
import { CaptchalaHttpError } from './CaptchalaHttpError';
import type { WebHandler } from './createServerTokenHandler';
import { DEFAULTS } from './defaults';
import type { NodeRequest } from './readBody';
import { sendWebResponse } from './sendWebResponse';
import { toWebRequest } from './toWebRequest';

/** Node `http`'s `(req, res)`, and Express's `(req, res, next)`: errors go to `next` when there is one. */
export type NodeHandler = (req: NodeRequest, res: ServerResponse, next?: (error?: unknown) => void) => void;

export interface ToNodeHandlerOptions {
  /** Largest request body read (default 64 KB): 413 before reading more. */
  maxBodyBytes?: number;
  /** Longest wait for the whole body (default 10 s): 408 beyond. */
  bodyTimeoutMs?: number;
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
      response = await handler(await toWebRequest(req, { maxBodyBytes, bodyTimeoutMs, signal: gone.signal }));
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
