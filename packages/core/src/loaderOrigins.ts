import { DEV } from './DEV';
import { CaptchalaError } from './errors';

/** CaptchaLa's loader on its CDN (contract §1). */
export const DEFAULT_LOADER_SRC = 'https://cdn.captcha-cdn.net/captchala-loader.js';

/**
 * CaptchaLa's own scripts (contract §1): the loader, and the SDK it fetches, on its CDN and on its second host.
 * By default the kit loads these exact URLs and nothing else: not another path on the same CDN, and not one of
 * them with a query string or a fragment. The contract does not say whether CaptchaLa's CDN gives a query any
 * meaning (a version, a callback name): if it ignores them, refusing one costs nothing, since the kit never adds
 * one and a tag a CMS added (`?ver=…`) is reused, never checked; if it honours one, admitting it would let markup
 * choose what CaptchaLa's script does. Should CaptchaLa's loader ever fetch its SDK with a query, a page that
 * enforces Trusted Types names it with `allowLoaderOrigins(['https://cdn.captcha-cdn.net'])`.
 */
export const CAPTCHALA_SCRIPT_URLS: readonly string[] = [
  DEFAULT_LOADER_SRC,
  'https://cdn.captcha-cdn.net/captchala.js',
  'https://cdn.captchala.com/captchala.js',
];

/** The hosts of CaptchaLa's scripts, which a page's `script-src` must allow (CSP advice, never the allow-list). */
export const CAPTCHALA_SCRIPT_ORIGINS: readonly string[] = [
  'https://cdn.captcha-cdn.net',
  'https://cdn.captchala.com',
];

const allowedUrls = new Set<string>(CAPTCHALA_SCRIPT_URLS);
const allowedOrigins = new Set<string>();

function parseUrl(value: string, base?: URL): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

const isHttp = (url: URL) => /^https?:$/.test(url.protocol);

/**
 * Lets the kit load more than CaptchaLa's own scripts: a self-hosted or same-origin loader (the offline stand-in in
 * development) and the SDK it fetches. Each entry is an `http:`/`https:` origin (`https://static.example.com`:
 * any script on it) or an absolute URL (`https://www.example.com/vendor/captchala-loader.js`: that URL only,
 * query included). Only JavaScript can widen what runs, never an attribute: markup that lands on a page (a
 * comment, a CMS block) cannot make the kit run a script from anywhere else. Throws a `TypeError` for anything
 * else, a relative URL included (what it names would depend on the page).
 */
export function allowLoaderOrigins(origins: readonly string[]): void {
  for (const entry of origins) {
    const url = parseUrl(entry);
    if (!url || !isHttp(url)) {
      throw new TypeError(
        `allowLoaderOrigins: "${entry}" is neither an http(s) origin such as "https://static.example.com" nor an absolute http(s) URL such as "https://static.example.com/captchala-loader.js".`,
      );
    }
    // Nothing after the host (a trailing slash at most) names the whole origin.
    if (url.href === `${url.origin}/`) allowedOrigins.add(url.origin);
    else allowedUrls.add(url.href);
  }
}

/**
 * `src` as an absolute URL. A relative one resolves against the document's own URL (`location.href`), never
 * against `document.baseURI`, which an injected `<base href>` sets; and only when that URL is on the document's
 * origin (`self.origin`). So it fails closed where the two differ: a sandboxed frame's origin is opaque (`'null'`)
 * whatever its URL; an `about:srcdoc` or `about:blank` frame has its parent's origin but a URL that is no base
 * (nor is a `data:` or `blob:` one).
 */
function resolveScriptUrl(src: string, pageUrl: string, pageOrigin: string): URL | null {
  const page = parseUrl(pageUrl);
  return parseUrl(src, page?.origin === pageOrigin ? page : undefined);
}

/**
 * Whether a script URL is one the kit may load or let through Trusted Types: CaptchaLa's exact script URLs, or
 * exact URLs and origins allowed from JavaScript. `pageUrl` and `pageOrigin` are the document's own
 * (`location.href`, `self.origin`). Returns the absolute URL, or the refusal.
 */
export function checkScriptUrl(src: string, pageUrl: string, pageOrigin: string): URL | CaptchalaError {
  const url = resolveScriptUrl(src, pageUrl, pageOrigin);
  if (!url || !isHttp(url)) {
    return new CaptchalaError({
      code: 'loader_src_not_allowed',
      message: !DEV
        ? ''
        : url
          ? `loaderSrc "${src}" is not an http(s) URL: the kit only loads CaptchaLa's loader over http(s).`
          : `loaderSrc "${src}" is relative, and this document (${pageUrl}, origin ${pageOrigin}) has no URL of its own to resolve it against: give the absolute URL.`,
    });
  }
  if (allowedUrls.has(url.href) || allowedOrigins.has(url.origin)) return url;
  return new CaptchalaError({
    code: 'loader_src_not_allowed',
    message: DEV
      ? `The kit refused to load ${url.href}: it is none of CaptchaLa's own scripts (${CAPTCHALA_SCRIPT_URLS.join(', ')}), and this page's JavaScript allowed neither that URL nor ${url.origin}. If you host the loader there on purpose, call allowLoaderOrigins(['${url.href}']) (that URL only) or allowLoaderOrigins(['${url.origin}']) (its whole origin) from your JavaScript before the widget loads; an attribute can never allow it.`
      : '',
  });
}
