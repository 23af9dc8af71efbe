import { DEV } from './DEV';
import { CaptchalaError } from './errors';

/** CaptchaLa's script origins (contract §1): the loader's and SDK's CDN, and the SDK's second host. */
export const CAPTCHALA_SCRIPT_ORIGINS: readonly string[] = [
  'https://cdn.captcha-cdn.net',
  'https://cdn.captchala.com',
];

/** A loader on the page's own origin (the stand-in, or a self-hosted copy) must be a CaptchaLa script by name. */
const SAME_ORIGIN_SCRIPT = /\/captchala(-loader)?\.js$/;

const allowed = new Set<string>();

/**
 * Lets the kit load CaptchaLa from more origins than CaptchaLa's own and the page's (a self-hosted mirror, a
 * stand-in on another port). Only JavaScript can widen this list, never an attribute: markup that lands on a page
 * (a comment, a CMS block) cannot make the kit run a script from anywhere else. Throws a `TypeError` for anything
 * but an `http:`/`https:` origin.
 */
export function allowLoaderOrigins(origins: readonly string[]): void {
  for (const origin of origins) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      // reported below
    }
    if (
      !url ||
      (url.protocol !== 'https:' && url.protocol !== 'http:') ||
      url.origin !== origin.replace(/\/$/, '')
    ) {
      throw new TypeError(
        `allowLoaderOrigins: "${origin}" is not an http(s) origin such as "https://static.example.com" (no path).`,
      );
    }
    allowed.add(url.origin);
  }
}

/**
 * Whether a script URL is one the kit may load: CaptchaLa's origins, origins allowed from JavaScript, or a
 * `captchala-loader.js`/`captchala.js` on the page's own origin. Returns the absolute URL, or the refusal.
 */
export function checkScriptUrl(src: string, pageUrl: string): URL | CaptchalaError {
  let url: URL | undefined;
  try {
    url = new URL(src, pageUrl);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return new CaptchalaError({
      code: 'loader_src_not_allowed',
      message: DEV
        ? `loader-src "${src}" is not an http(s) URL: the kit only loads CaptchaLa's loader over http(s).`
        : '',
    });
  }
  if (CAPTCHALA_SCRIPT_ORIGINS.includes(url.origin) || allowed.has(url.origin)) return url;
  if (url.origin === new URL(pageUrl).origin && SAME_ORIGIN_SCRIPT.test(url.pathname)) return url;
  return new CaptchalaError({
    code: 'loader_src_not_allowed',
    message: DEV
      ? `The kit refused to load ${url.href}: ${url.origin} is not one of CaptchaLa's script origins (${CAPTCHALA_SCRIPT_ORIGINS.join(', ')}) nor a captchala-loader.js on this page's origin. If you host the loader there on purpose, call allowLoaderOrigins(['${url.origin}']) from your JavaScript before the widget loads; an attribute can never allow it.`
      : '',
  });
}
