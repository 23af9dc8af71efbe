import { CaptchalaHttpError, HttpErrorCode } from './CaptchalaHttpError';

/** Checks an `allowedOrigins` option once: each entry an http(s) origin such as `https://www.example.com`. */
export function compileAllowedOrigins(origins: unknown, where: string): ReadonlySet<string> {
  if (origins === undefined) return new Set();
  const fail = (): never => {
    throw new TypeError(
      `${where}: options.allowedOrigins must list origins such as "https://www.example.com" (scheme, host and port only).`,
    );
  };
  if (!Array.isArray(origins)) return fail();
  return new Set(
    origins.map((origin) => {
      let url: URL | undefined;
      try {
        url = typeof origin === 'string' ? new URL(origin) : undefined;
      } catch {
        // reported below
      }
      if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin) fail();
      return origin as string;
    }),
  );
}

export interface SameOriginRequest {
  header(name: string): string | null | undefined;
  /** The host the request was sent to (`Host`, or HTTP/2's `:authority`). */
  host: string | null | undefined;
}

/**
 * Refuses (403 `cross_site_request`) a browser request made by a page of another origin, unless `allowed` lists
 * that origin. `Sec-Fetch-Site` decides where the browser sends it (every current browser; a page cannot forge it);
 * else the `Origin`'s host must be the request's own (its scheme is not compared: behind a TLS-terminating proxy
 * the page is https and the request http). A request with neither header comes from no browser (curl, a server):
 * what it can do no page can make a visitor's browser do, and rate limiting is what meets it.
 */
export function refuseCrossSite(request: SameOriginRequest, allowed: ReadonlySet<string>): void {
  const origin = request.header('origin');
  if (origin && allowed.has(origin)) return;
  const site = request.header('sec-fetch-site');
  const sameOrigin = site
    ? site === 'same-origin' || site === 'none'
    : !origin || sameHost(origin, request.host);
  if (sameOrigin) return;
  throw new CaptchalaHttpError(
    403,
    HttpErrorCode.CrossSiteRequest,
    'Requests from other sites are refused here; list their origin in allowedOrigins if they are yours.',
  );
}

function sameHost(origin: string, host: string | null | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    // `Origin: null` (a sandboxed frame, a data: URL) and anything else that is no origin.
    return false;
  }
}
