import { describe, expect, test } from 'vitest';
import { allowLoaderOrigins } from '../src/index';
import { checkScriptUrl } from '../src/loaderOrigins';

/** A page at https://site.example/signup, as `browserLoaderPlatform` describes it (`location.href`, `self.origin`). */
const PAGE_URL = 'https://site.example/signup';
const PAGE_ORIGIN = 'https://site.example';

/** What the kit does with `src` on that page (or another): the URL it loads, or its refusal's code and message. */
function check(src: string, pageUrl = PAGE_URL, pageOrigin = PAGE_ORIGIN): string {
  const result = checkScriptUrl(src, pageUrl, pageOrigin);
  return result instanceof URL ? result.href : `${result.code}: ${result.message}`;
}

// The contract's URLs (§1), spelled out here rather than imported: this test is what pins them.
const CAPTCHALA_LOADER = 'https://cdn.captcha-cdn.net/captchala-loader.js';
const CAPTCHALA_SDK = 'https://cdn.captcha-cdn.net/captchala.js';
const CAPTCHALA_SDK_SECOND_HOST = 'https://cdn.captchala.com/captchala.js';

describe('by default, only CaptchaLa’s exact loader and SDK URLs load', () => {
  test.each([CAPTCHALA_LOADER, CAPTCHALA_SDK, CAPTCHALA_SDK_SECOND_HOST])('%s loads', (src) => {
    expect(check(src)).toBe(src);
  });

  test.each([
    ['another path on CaptchaLa’s CDN', 'https://cdn.captcha-cdn.net/uploads/captchala-loader.js'],
    ['any other script on CaptchaLa’s CDN', 'https://cdn.captcha-cdn.net/x.js'],
    [
      'a loader on the SDK’s second host (no URL the contract names)',
      'https://cdn.captchala.com/captchala-loader.js',
    ],
    ['CaptchaLa’s loader with a query string', `${CAPTCHALA_LOADER}?callback=alert`],
    ['CaptchaLa’s SDK with a fragment', `${CAPTCHALA_SDK}#x`],
    ['a user upload on the page’s origin, named like the loader', '/uploads/evil/captchala-loader.js'],
    ['a path-parameter route on the page’s origin, named like the SDK', '/users/evil/captchala.js'],
    [
      'the stand-in’s loader on the page’s origin, until the page names it',
      '/__captchala/captchala-loader.js',
    ],
    ['an absolute captchala-loader.js on the page’s origin', 'https://site.example/captchala-loader.js'],
  ])('%s is refused, and the message says exactly what to call', (_name, src) => {
    const href = new URL(src, PAGE_URL).href;
    expect(check(src)).toBe(
      `loader_src_not_allowed: The kit refused to load ${href}: it is none of CaptchaLa's own scripts (${CAPTCHALA_LOADER}, ${CAPTCHALA_SDK}, ${CAPTCHALA_SDK_SECOND_HOST}), and this page's JavaScript allowed neither that URL nor ${new URL(href).origin}. If you host the loader there on purpose, call allowLoaderOrigins(['${href}']) (that URL only) or allowLoaderOrigins(['${new URL(href).origin}']) (its whole origin) from your JavaScript before the widget loads; an attribute can never allow it. See https://captchala-kit.dev/reference/errors.html#loader_src_not_allowed`,
    );
  });
});

describe('an injected <base> never stands in for the page', () => {
  test('a page URL from document.baseURI, on another origin than the document’s, is no origin to trust', () => {
    // `<base href="https://evil.example/">` made document.baseURI this; the document's origin stayed the site's.
    const baseUri = 'https://evil.example/';
    expect(check('https://evil.example/captchala-loader.js', baseUri)).toMatch(/^loader_src_not_allowed: /);
    expect(check('captchala-loader.js', baseUri)).toMatch(/^loader_src_not_allowed: /);
    expect(check('/captchala.js', baseUri)).toMatch(/^loader_src_not_allowed: /);
  });
});

describe('allowLoaderOrigins: the page’s JavaScript names exact URLs or whole origins', () => {
  test('an exact URL admits that URL only: no other path, query or fragment beside it', () => {
    allowLoaderOrigins([
      'https://site.example/self-hosted/captchala-loader.js',
      'https://site.example/self-hosted/captchala.js',
    ]);
    expect(check('https://site.example/self-hosted/captchala-loader.js')).toBe(
      'https://site.example/self-hosted/captchala-loader.js',
    );
    // A relative URL resolves against the document's own URL.
    expect(check('/self-hosted/captchala.js')).toBe('https://site.example/self-hosted/captchala.js');
    expect(check('self-hosted/captchala.js')).toBe('https://site.example/self-hosted/captchala.js');
    for (const src of [
      '/self-hosted/captchala-loader.js?ver=2',
      '/self-hosted/captchala-loader.js#x',
      '/self-hosted/uploads/captchala-loader.js',
      '/self-hosted/other.js',
      'http://site.example/self-hosted/captchala-loader.js',
      'https://site.example:8443/self-hosted/captchala-loader.js',
    ]) {
      expect(check(src), src).toMatch(/^loader_src_not_allowed: /);
    }
  });

  test('an origin admits any script on it, and nothing on another scheme or port', () => {
    allowLoaderOrigins(['https://static.example.com', 'http://127.0.0.1:8787/']);
    expect(check('https://static.example.com/any/path/loader.js?v=3')).toBe(
      'https://static.example.com/any/path/loader.js?v=3',
    );
    expect(check('http://127.0.0.1:8787/captchala-loader.js')).toBe(
      'http://127.0.0.1:8787/captchala-loader.js',
    );
    expect(check('http://static.example.com/loader.js')).toMatch(/^loader_src_not_allowed: /);
    expect(check('https://static.example.com:8443/loader.js')).toMatch(/^loader_src_not_allowed: /);
    expect(check('http://127.0.0.1:8788/captchala-loader.js')).toMatch(/^loader_src_not_allowed: /);
  });

  test('anything but an absolute http(s) URL or origin is a TypeError naming both shapes', () => {
    for (const bad of [
      'ftp://x.example',
      'not a url',
      'javascript:alert(1)',
      'data:text/javascript,alert(1)',
      '/__captchala/captchala-loader.js',
      '//x.example/captchala-loader.js',
    ]) {
      expect(() => allowLoaderOrigins([bad]), bad).toThrow(
        new TypeError(
          `allowLoaderOrigins: "${bad}" is neither an http(s) origin such as "https://static.example.com" nor an absolute http(s) URL such as "https://static.example.com/captchala-loader.js".`,
        ),
      );
    }
  });
});

describe('a document without an origin of its own to resolve against: relative URLs fail closed', () => {
  test('an opaque origin (a sandboxed frame, a data: URL) or an about:srcdoc document refuses relative URLs', () => {
    allowLoaderOrigins(['https://site.example/opaque/captchala-loader.js']);
    expect(check('/opaque/captchala-loader.js')).toBe('https://site.example/opaque/captchala-loader.js');
    // A sandboxed frame at the site's URL: its origin is opaque, whatever its URL says.
    expect(check('/opaque/captchala-loader.js', PAGE_URL, 'null')).toMatch(
      /^loader_src_not_allowed: .*relative.*absolute URL/,
    );
    // An about:srcdoc (or about:blank) frame inherits its parent's origin, but its URL is no base.
    expect(check('/opaque/captchala-loader.js', 'about:srcdoc')).toMatch(/^loader_src_not_allowed: /);
    // Absolute URLs do not depend on where the document is: they are allowed or not, everywhere.
    expect(check('https://site.example/opaque/captchala-loader.js', PAGE_URL, 'null')).toBe(
      'https://site.example/opaque/captchala-loader.js',
    );
    expect(check(CAPTCHALA_LOADER, 'about:srcdoc', 'null')).toBe(CAPTCHALA_LOADER);
  });
});
