import type { IncomingMessage } from 'node:http';
import { DEFAULTS } from './defaults';
import { rememberPeer } from './peerAddress';
import { type NodeRequest, parsedBody } from './readBody';
import { readNodeBytes, readWithinCap } from './readBytes';

function requestUrl(req: IncomingMessage): URL {
  const path = req.url ?? '/';
  try {
    return new URL(path, `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    return new URL(path.startsWith('/') ? path : '/', 'http://localhost');
  }
}

export interface ToWebRequestOptions {
  maxBodyBytes: number;
  bodyTimeoutMs?: number;
  /** Aborts the web request's `signal`: the client went away. */
  signal?: AbortSignal;
}

/**
 * A web `Request` for a Node request, its body read under the cap, carrying the socket peer (for `getClientIp`)
 * and a signal that aborts when the client goes away. When a framework already parsed the body (`req.body`),
 * that is used instead (as JSON when it is an object), since the stream is gone.
 */
export async function toWebRequest(req: NodeRequest, options: ToWebRequestOptions): Promise<Request> {
  const { maxBodyBytes, bodyTimeoutMs = DEFAULTS.bodyTimeoutMs, signal } = options;
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
      body = await readWithinCap(req.headers['content-length'], maxBodyBytes, () =>
        readNodeBytes(req, maxBodyBytes, bodyTimeoutMs),
      );
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
