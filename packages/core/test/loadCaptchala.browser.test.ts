/// <reference types="@captchala-kit/testing/client" />

import { baseUrl, loaderUrl } from 'virtual:captchala-fake';
import { connectStandIn } from '@captchala-kit/testing/stand-in';
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest';
import { allowLoaderOrigins, installCaptchalaTrustedTypes } from '../src/index';
import { createCaptchalaController, loadCaptchala } from '../src/internal';
import { browserLoaderPlatform } from '../src/loaderPlatform';

const standIn = connectStandIn({ baseUrl });
const src = new URL(loaderUrl, location.href).href;
// The stand-in's loader and SDK, named as a site names a self-hosted loader: nothing else but CaptchaLa's own loads.
allowLoaderOrigins(standIn.scriptUrls());

interface FrameOptions {
  /** The page's CSP; `NONCE` stands for its nonce. */
  policy: string;
  nonce?: string;
  /** Markup that landed in the page's body (a comment, a CMS block): an HTML injection. */
  injected?: string;
}

/** A same-origin iframe enforcing a CSP (and holding one nonce'd script of its own, as real pages do). */
async function frame(options: FrameOptions): Promise<Document> {
  const nonce = options.nonce ?? 'r4nd0m';
  const element = document.createElement('iframe');
  element.srcdoc = `<!doctype html><html><head>
    <meta http-equiv="Content-Security-Policy" content="${options.policy.replaceAll('NONCE', nonce)}">
    <script nonce="${nonce}">window.pageScriptRan = true;</script>
    </head><body><div id="c"></div>${options.injected ?? ''}</body></html>`;
  const loaded = new Promise((resolve) => element.addEventListener('load', resolve, { once: true }));
  document.body.append(element);
  await loaded;
  return element.contentDocument!;
}

const NONCE_ONLY = "script-src 'nonce-NONCE'; object-src 'none'";
const STRICT_DYNAMIC = "script-src 'nonce-NONCE' 'strict-dynamic'; object-src 'none'";
const TRUSTED_TYPES = "require-trusted-types-for 'script'; trusted-types captchala-kit default";

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  for (const element of document.querySelectorAll('iframe')) element.remove();
});

describe('loadCaptchala in real Chromium against the stand-in', () => {
  test('many widgets, concurrent and later loads: one loader request, one SDK request', async () => {
    const containers = Array.from({ length: 10 }, () =>
      document.body.appendChild(document.createElement('div')),
    );
    const controllers = containers.map(() =>
      createCaptchalaController({ appKey: 'test_pass', product: 'embed', loader: { src } }),
    );
    await Promise.all(controllers.map((controller, i) => controller.mount({ container: containers[i]! })));
    await Promise.all(Array.from({ length: 20 }, () => loadCaptchala({ src })));
    const state = await standIn.inspect();
    expect(state.fileRequests['/captchala-loader.js']).toBe(1);
    expect(state.fileRequests['/captchala.js']).toBe(1);
    expect(document.querySelectorAll(`script[src="${src}"]`)).toHaveLength(1);
    for (const controller of controllers) controller.destroy();
  });

  test("strict CSP with 'strict-dynamic': the detected nonce is set on the tag, the loader and its SDK run", async () => {
    const doc = await frame({ policy: STRICT_DYNAMIC });
    const sdk = await loadCaptchala({ src, platform: browserLoaderPlatform(doc) });
    expect(typeof sdk.init).toBe('function');
    expect(doc.querySelector<HTMLScriptElement>(`script[src="${src}"]`)!.nonce).toBe('r4nd0m');
    expect((doc.defaultView as unknown as { Captchala: unknown }).Captchala).toBe(sdk);
  });

  test('a nonce-only CSP: the loader runs, and the SDK it adds without a nonce is named loader_blocked_csp', async () => {
    const doc = await frame({ policy: NONCE_ONLY });
    const error = await loadCaptchala({ src, platform: browserLoaderPlatform(doc) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'loader_blocked_csp' });
    expect((error as Error).message).toMatch(/blocked CaptchaLa's SDK .*captchala\.js.*'strict-dynamic'/);
    // The directive Chromium reports for a script element, named as violated (not just the advice's script-src).
    expect((error as Error).message).toMatch(/^The page's Content-Security-Policy \(script-src-elem\)/);
    expect((error as Error).message).toMatch(
      / in script-src-elem\. See https:\/\/captchala-kit\.dev\/reference\/errors\.html#loader_blocked_csp$/,
    );
  });

  test('nonce CSP with the wrong nonce: loader_blocked_csp naming the directive, no tag left', async () => {
    const doc = await frame({ policy: NONCE_ONLY, nonce: 'right' });
    const error = await loadCaptchala({
      src,
      nonce: 'wrong',
      retries: 0,
      platform: browserLoaderPlatform(doc),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'loader_blocked_csp' });
    expect((error as Error).message).toMatch(
      /^The page's Content-Security-Policy \(script-src-elem\) blocked the CaptchaLa loader .* in script-src-elem,/,
    );
    expect(doc.querySelector(`script[src="${src}"]`)).toBeNull();
  });

  test('a loader that 404s: loader_network_error after bounded retries, and no tag left behind', async () => {
    const missing = `${location.origin}${baseUrl}/nope/captchala-loader.js`;
    allowLoaderOrigins([missing]);
    const doc = document.body.appendChild(document.createElement('iframe')).contentDocument!;
    const error = await loadCaptchala({
      src: missing,
      retries: 1,
      retryDelayMs: 10,
      platform: browserLoaderPlatform(doc),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'loader_network_error' });
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });
});

/** The engines' words for a plain string refused at a Trusted Types sink (Firefox's differ from Chromium's). */
const REFUSED = /TrustedScriptURL|Sink type mismatch/;

describe('Trusted Types', () => {
  test("enforced: the kit's own tag passes its policy, but the loader's plain SDK URL is refused: loader_blocked_trusted_types", async () => {
    const doc = await frame({ policy: `${STRICT_DYNAMIC}; ${TRUSTED_TYPES}` });
    // The page really enforces them: a plain string is refused.
    expect(() => {
      doc.createElement('script').src = src;
    }).toThrow(REFUSED);
    const error = await loadCaptchala({ src, platform: browserLoaderPlatform(doc) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'loader_blocked_trusted_types' });
    expect((error as Error).message).toMatch(/installCaptchalaTrustedTypes\(\)/);
    expect(doc.querySelector(`script[src="${src}"]`)).not.toBeNull(); // the kit's tag went through its policy
  });

  test("installCaptchalaTrustedTypes() with 'strict-dynamic': CaptchaLa loads; any other script URL is still refused", async () => {
    const doc = await frame({ policy: `${STRICT_DYNAMIC}; ${TRUSTED_TYPES}` });
    const win = doc.defaultView!;
    installCaptchalaTrustedTypes({ target: win });
    installCaptchalaTrustedTypes({ target: win }); // idempotent
    const sdk = await loadCaptchala({ src, platform: browserLoaderPlatform(doc) });
    expect(typeof sdk.init).toBe('function');
    expect(() => {
      doc.createElement('script').src = 'https://evil.example/x.js';
    }).toThrow(REFUSED);
    expect(() => {
      doc.createElement('script').src = `${location.origin}/uploads/captchala-kit-gadget.js`;
    }).toThrow(REFUSED);
  });

  test('installCaptchalaTrustedTypes() with a nonce-only CSP: Trusted Types pass, the CSP still names the SDK', async () => {
    const doc = await frame({ policy: `${NONCE_ONLY}; ${TRUSTED_TYPES}` });
    installCaptchalaTrustedTypes({ target: doc.defaultView! });
    const error = await loadCaptchala({ src, platform: browserLoaderPlatform(doc) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'loader_blocked_csp' });
  });

  test('a page that already has a default policy: installCaptchalaTrustedTypes() refuses, naming why', async () => {
    const doc = await frame({ policy: TRUSTED_TYPES });
    const win = doc.defaultView as unknown as Window & {
      trustedTypes: { createPolicy: (name: string, rules: object) => unknown };
    };
    win.trustedTypes.createPolicy('default', { createScriptURL: (url: string) => url });
    expect(() => installCaptchalaTrustedTypes({ target: win })).toThrow(
      expect.objectContaining({ code: 'trusted_types_policy_exists' }),
    );
  });

  test("the kit's policy admits only what the loader allow-list admits", async () => {
    const doc = await frame({ policy: `${STRICT_DYNAMIC}; ${TRUSTED_TYPES}` });
    const platform = browserLoaderPlatform(doc);
    expect(() => platform.injectScript({ src: 'https://evil.example/x.js', nonce: undefined })).toThrow(
      /refused to load https:\/\/evil\.example\/x\.js: it is none of CaptchaLa's own scripts/,
    );
    expect(doc.querySelectorAll('script[src]')).toHaveLength(0);
  });
});

// Before the test below that allows the cross-origin stand-in: here it is the attacker's origin, which nobody allowed.
describe('an injected <base href> on a strict-CSP page without base-uri', () => {
  const evil = inject('captchalaUrl');
  const injected = `<base href="${evil}/">`;
  const evilScriptRan = (doc: Document) => {
    const win = doc.defaultView as unknown as Record<string, unknown>;
    return win['__captchalaFake'] !== undefined || win['loadCaptchala'] !== undefined;
  };

  test.each([
    ['absolute', `${evil}/captchala-loader.js`],
    ['relative, which the base would resolve there', 'captchala-loader.js'],
  ])(
    'a loader-src on the base’s origin (%s) is refused: no tag, no nonce handed out, nothing runs',
    async (_name, loaderSrc) => {
      const doc = await frame({ policy: STRICT_DYNAMIC, injected });
      expect(doc.baseURI).toBe(`${evil}/`);
      const error = await loadCaptchala({ src: loaderSrc, platform: browserLoaderPlatform(doc) }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'loader_src_not_allowed' });
      expect(doc.querySelectorAll('script[src]')).toHaveLength(0);
      expect(evilScriptRan(doc)).toBe(false);
    },
  );

  test('Trusted Types: neither the default policy nor the kit’s admits the base’s origin; the stand-in still loads', async () => {
    const doc = await frame({ policy: `${STRICT_DYNAMIC}; ${TRUSTED_TYPES}`, injected });
    const win = doc.defaultView!;
    installCaptchalaTrustedTypes({ target: win });
    for (const url of [`${evil}/captchala-loader.js`, `${evil}/captchala.js`, 'captchala-loader.js']) {
      // A plain string goes through the page's default policy, which refuses it.
      expect(() => {
        doc.createElement('script').src = url;
      }, url).toThrow(REFUSED);
    }
    const platform = browserLoaderPlatform(doc);
    expect(() => platform.injectScript({ src: `${evil}/captchala-loader.js`, nonce: undefined })).toThrow(
      /refused to load/,
    );
    expect(doc.querySelectorAll('script[src]')).toHaveLength(0);
    expect(evilScriptRan(doc)).toBe(false);
    // What the page named still loads, SDK included (the loader assigns its URL as a plain string), and only that.
    const sdk = await loadCaptchala({ src, platform });
    expect(typeof sdk.init).toBe('function');
    expect([...doc.querySelectorAll<HTMLScriptElement>('script[src]')].map((script) => script.src)).toEqual(
      standIn.scriptUrls(),
    );
  });
});

describe('which loader URLs run', () => {
  test('a loader-src on an origin nobody allowed is refused before any script exists; allowLoaderOrigins admits it', async () => {
    const crossOrigin = inject('captchalaUrl');
    const doc = document.body.appendChild(document.createElement('iframe')).contentDocument!;
    const platform = browserLoaderPlatform(doc);
    const refused = await loadCaptchala({ src: `${crossOrigin}/captchala-loader.js`, platform }).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: 'loader_src_not_allowed' });
    expect((refused as Error).message).toContain(new URL(crossOrigin).origin);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    allowLoaderOrigins([new URL(crossOrigin).origin]);
    const sdk = await loadCaptchala({ src: `${crossOrigin}/captchala-loader.js`, platform });
    expect(typeof sdk.init).toBe('function');
  });
});
