import type { IncomingMessage } from 'node:http';

/** What a browser may say in `Sec-Fetch-Site` for a request the stand-in's own pages made (or a typed URL). */
const SAME_ORIGIN_FETCH_SITES = new Set(['same-origin', 'none']);

/** The request's own origin, from the connection's scheme and its `Host` (`:authority` over HTTP/2). */
function ownOrigin(req: IncomingMessage): string | undefined {
  const host = req.headers.host ?? req.headers[':authority'];
  if (typeof host !== 'string' || !host) return undefined;
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return undefined;
  }
}

function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/**
 * Why a request comes from a page on another origin, or undefined when it does not. Both headers are set by the
 * browser and cannot be forged by a page: `Sec-Fetch-Site` must be `same-origin` or `none` (a typed URL) when
 * present, and `Origin`, when present, must equal the request's own origin (its scheme and `Host`). A request with
 * neither (Node, curl, a site's server-side code) is not from a page and passes. The host server's CORS answers
 * (Vite's allow `localhost` and `*.localhost` origins) change nothing here.
 */
export function crossOriginRefusal(req: IncomingMessage): string | undefined {
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite !== undefined && !SAME_ORIGIN_FETCH_SITES.has(String(fetchSite))) {
    return `Sec-Fetch-Site: ${fetchSite}`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const own = ownOrigin(req);
    if (!own || originOf(origin) !== own)
      return `Origin ${origin} is not this server's (${own ?? 'no Host'})`;
  }
  return undefined;
}
