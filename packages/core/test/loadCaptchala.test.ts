import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { allowLoaderOrigins, CaptchalaError, DEFAULT_LOADER_SRC } from '../src/index';
import { loadCaptchala } from '../src/internal';
import { defineLoader, fakeLoaderPlatform, fakeSdk } from './fakes';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const SRC = 'https://cdn.example.test/captchala-loader.js';
// A mirror and a second host, allowed from JavaScript as a site would (the allow-list itself is tested below).
allowLoaderOrigins(['https://cdn.example.test', 'https://other.test']);

describe('loadCaptchala', () => {
  test('50 concurrent loads add one script and resolve the same SDK; window.Captchala untouched before onReady', async () => {
    const page = fakeLoaderPlatform();
    const { sdk } = fakeSdk();
    const loads = Array.from({ length: 50 }, () => loadCaptchala({ src: SRC, platform: page.platform }));
    expect(page.scripts).toHaveLength(1);
    expect(page.scripts[0]!.src).toBe(SRC);
    expect(page.globals.Captchala).toBeUndefined();
    const calls = defineLoader(page.globals, sdk);
    page.scripts[0]!.load();
    const results = await Promise.all(loads);
    expect(new Set(results)).toEqual(new Set([sdk]));
    expect(calls.count).toBe(1);
    await loadCaptchala({ src: SRC, platform: page.platform });
    expect(page.scripts).toHaveLength(1);
  });

  test('defaults to the real CDN URL', () => {
    const page = fakeLoaderPlatform();
    void loadCaptchala({ platform: page.platform }).catch(() => {});
    expect(page.scripts[0]!.src).toBe(DEFAULT_LOADER_SRC);
  });

  test('reuses a loader tag the page already has, waiting for it to define the global', async () => {
    const page = fakeLoaderPlatform({ existing: SRC });
    const { sdk } = fakeSdk();
    const loading = loadCaptchala({ src: SRC, platform: page.platform });
    await vi.advanceTimersByTimeAsync(200);
    defineLoader(page.globals, sdk); // the CMS's deferred tag ran without us seeing its load event
    await vi.advanceTimersByTimeAsync(50);
    await expect(loading).resolves.toBe(sdk);
    expect(page.scripts).toHaveLength(0);
  });

  test('reuses window.loadCaptchala when it is already defined: no script at all', async () => {
    const page = fakeLoaderPlatform();
    const { sdk } = fakeSdk();
    defineLoader(page.globals, sdk);
    await expect(loadCaptchala({ src: SRC, platform: page.platform })).resolves.toBe(sdk);
    expect(page.scripts).toHaveLength(0);
  });

  test('a failed load removes its tag and retries with backoff; the second attempt succeeds', async () => {
    const page = fakeLoaderPlatform();
    const { sdk } = fakeSdk();
    const loading = loadCaptchala({ src: SRC, platform: page.platform, retries: 2, retryDelayMs: 1_000 });
    page.scripts[0]!.error();
    // A script error waits briefly for the CSP report that may explain it.
    expect(page.scripts[0]!.removed).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(page.scripts[0]!.removed).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(page.scripts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(page.scripts).toHaveLength(2);
    defineLoader(page.globals, sdk);
    page.scripts[1]!.load();
    await expect(loading).resolves.toBe(sdk);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('a rejection is never cached: the next call (a remount) tries again', async () => {
    const page = fakeLoaderPlatform();
    const { sdk } = fakeSdk();
    const first = loadCaptchala({ src: SRC, platform: page.platform, retries: 0 });
    page.scripts[0]!.error();
    const failed = expect(first).rejects.toMatchObject({ code: 'loader_network_error' });
    await vi.advanceTimersByTimeAsync(100);
    await failed;
    const second = loadCaptchala({ src: SRC, platform: page.platform, retries: 0 });
    expect(page.scripts).toHaveLength(2);
    defineLoader(page.globals, sdk);
    page.scripts[1]!.load();
    await expect(second).resolves.toBe(sdk);
  });

  test('timeout: loader_timeout after timeoutMs, tag removed, no timers or listeners left', async () => {
    const page = fakeLoaderPlatform();
    const loading = loadCaptchala({ src: SRC, platform: page.platform, timeoutMs: 5_000, retries: 0 });
    const outcome = expect(loading).rejects.toMatchObject({ code: 'loader_timeout' });
    await vi.advanceTimersByTimeAsync(5_000);
    await outcome;
    expect(page.scripts[0]!.removed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(page.listenerCounts()).toEqual({ csp: 0, online: 0 });
  });

  test('a loader that never calls back times out too', async () => {
    const page = fakeLoaderPlatform();
    const loading = loadCaptchala({ src: SRC, platform: page.platform, timeoutMs: 1_000, retries: 0 });
    page.globals.loadCaptchala = () => {};
    page.scripts[0]!.load();
    const outcome = expect(loading).rejects.toMatchObject({ code: 'loader_timeout' });
    await vi.advanceTimersByTimeAsync(1_000);
    await outcome;
  });

  test('offline: waits for `online` instead of burning retries', async () => {
    const page = fakeLoaderPlatform({ online: false });
    const { sdk } = fakeSdk();
    const loading = loadCaptchala({ src: SRC, platform: page.platform, timeoutMs: 1_000, retries: 0 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(page.scripts).toHaveLength(0);
    page.goOnline();
    await vi.advanceTimersByTimeAsync(0);
    expect(page.scripts).toHaveLength(1);
    defineLoader(page.globals, sdk);
    page.scripts[0]!.load();
    await expect(loading).resolves.toBe(sdk);
  });

  test('nonce: explicit, else detected from the page', async () => {
    const explicit = fakeLoaderPlatform({ nonce: 'from-page' });
    void loadCaptchala({ src: SRC, platform: explicit.platform, nonce: 'abc123' }).catch(() => {});
    expect(explicit.scripts[0]!.nonce).toBe('abc123');
    const detected = fakeLoaderPlatform({ nonce: 'from-page' });
    void loadCaptchala({ src: SRC, platform: detected.platform }).catch(() => {});
    expect(detected.scripts[0]!.nonce).toBe('from-page');
  });

  test('a CSP block is loader_blocked_csp naming the directive, and is not retried', async () => {
    const page = fakeLoaderPlatform();
    const loading = loadCaptchala({ src: SRC, platform: page.platform, retries: 3 });
    page.violate({ blockedURI: SRC, effectiveDirective: 'script-src-elem' });
    const error = (await loading.catch((e: unknown) => e)) as CaptchalaError;
    expect(error).toBeInstanceOf(CaptchalaError);
    expect(error.code).toBe('loader_blocked_csp');
    expect(error.message).toContain('script-src-elem');
    expect(error.message).toContain('https://cdn.example.test');
    expect(page.scripts).toHaveLength(1);
  });

  test('a script that defines nothing is loader_missing_global', async () => {
    const page = fakeLoaderPlatform();
    const loading = loadCaptchala({ src: SRC, platform: page.platform });
    page.scripts[0]!.load();
    await expect(loading).rejects.toMatchObject({ code: 'loader_missing_global' });
  });

  test("the loader's onError is loader_callback_error, retried, with the cause kept", async () => {
    const page = fakeLoaderPlatform();
    const loading = loadCaptchala({ src: SRC, platform: page.platform, retries: 1, retryDelayMs: 10 });
    let calls = 0;
    page.globals.loadCaptchala = (_onReady, onError) => {
      calls += 1;
      onError?.('Failed to load the CaptchaLa SDK');
    };
    page.scripts[0]!.load();
    const outcome = expect(loading).rejects.toMatchObject({ code: 'loader_callback_error' });
    await vi.advanceTimersByTimeAsync(100 + 10 + 100);
    await outcome;
    expect(calls).toBe(2);
  });

  test('a different src after the first is loader_src_conflict, never a second script', async () => {
    const page = fakeLoaderPlatform();
    void loadCaptchala({ src: SRC, platform: page.platform }).catch(() => {});
    await expect(
      loadCaptchala({ src: 'https://other.test/captchala-loader.js', platform: page.platform }),
    ).rejects.toMatchObject({ code: 'loader_src_conflict' });
    expect(page.scripts).toHaveLength(1);
  });

  test('the SDK script blocked by CSP while the loader fetches it: loader_blocked_csp, not a loader failure', async () => {
    const page = fakeLoaderPlatform();
    const loading = loadCaptchala({ src: SRC, platform: page.platform, retries: 3 });
    page.globals.loadCaptchala = (_onReady, onError) => {
      // The real loader reports its SDK failing; the CSP report arrives as a separate task.
      onError?.('Failed to load the CaptchaLa SDK');
      page.violate({
        blockedURI: 'https://cdn.example.test/captchala.js',
        effectiveDirective: 'script-src-elem',
      });
    };
    page.scripts[0]!.load();
    const error = await loading.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'loader_blocked_csp' });
    expect((error as Error).message).toMatch(
      /SDK https:\/\/cdn\.example\.test\/captchala\.js.*'strict-dynamic'/,
    );
    expect(page.scripts).toHaveLength(1); // not retried: only the page's CSP can fix it
  });

  test.each([
    [
      'Chromium',
      "Failed to set the 'src' property on 'HTMLScriptElement': This document requires 'TrustedScriptURL' assignment.",
    ],
    ['Firefox', 'HTMLScriptElement.src setter: Sink type mismatch violation blocked by CSP'],
  ])(
    'Trusted Types refusing the SDK URL inside the loader (%s): loader_blocked_trusted_types saying what to do',
    async (_engine, refusal) => {
      const page = fakeLoaderPlatform();
      const loading = loadCaptchala({ src: SRC, platform: page.platform, retries: 3 });
      page.globals.loadCaptchala = () => {
        throw new TypeError(refusal);
      };
      page.scripts[0]!.load();
      const error = await loading.catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'loader_blocked_trusted_types' });
      expect((error as Error).message).toMatch(/installCaptchalaTrustedTypes\(\)/);
    },
  );
});

describe('Trusted Types reports that arrive later (a loader injecting its SDK asynchronously)', () => {
  test("a refusal of CaptchaLa's SDK URL is named; one of another script is not the kit's business", async () => {
    const page = fakeLoaderPlatform();
    const loading = loadCaptchala({ src: SRC, platform: page.platform, timeoutMs: 5_000, retries: 0 });
    page.globals.loadCaptchala = () => {};
    page.scripts[0]!.load();
    await vi.advanceTimersByTimeAsync(0);
    page.violate({
      blockedURI: 'trusted-types-sink',
      effectiveDirective: 'require-trusted-types-for',
      sample: 'HTMLScriptElement src|https://ads.example/tracker.js',
    });
    let settled = false;
    loading.catch(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    page.violate({
      blockedURI: 'trusted-types-sink',
      effectiveDirective: 'require-trusted-types-for',
      sample: 'HTMLScriptElement src|https://cdn.example.test/captchala.js',
    });
    await expect(loading).rejects.toMatchObject({ code: 'loader_blocked_trusted_types' });
  });
});

describe('which loader URLs run', () => {
  test.each([
    [
      'an origin nobody allowed',
      'https://evil.example/x.js',
      /refused to load https:\/\/evil\.example\/x\.js: it is none of CaptchaLa's own scripts/,
    ],
    ['a javascript: URL', 'javascript:alert(1)', /not an http\(s\) URL/],
    ['a data: URL', 'data:text/javascript,alert(1)', /not an http\(s\) URL/],
    [
      'another script of the page',
      '/uploads/evil.js',
      /allowLoaderOrigins\(\['https:\/\/site\.example\/uploads\/evil\.js'\]\)/,
    ],
    [
      "a captchala-loader.js on the page's origin nobody named (the stand-in's path)",
      '/__captchala/captchala-loader.js',
      /allowLoaderOrigins\(\['https:\/\/site\.example\/__captchala\/captchala-loader\.js'\]\)/,
    ],
    [
      "a loader on CaptchaLa's second host (the contract names only its SDK there)",
      'https://cdn.captchala.com/captchala-loader.js',
      /none of CaptchaLa's own scripts/,
    ],
  ])('%s is loader_src_not_allowed, and no script is added', async (_name, src, message) => {
    const page = fakeLoaderPlatform();
    const error = await loadCaptchala({ src, platform: page.platform }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'loader_src_not_allowed', message: expect.stringMatching(message) });
    expect(page.scripts).toHaveLength(0);
  });

  test.each([
    ["CaptchaLa's CDN", DEFAULT_LOADER_SRC],
    ['a mirror whose origin the page allowed', 'https://cdn.example.test/vendor/captchala-loader.js'],
    ['an exact URL the page allowed, relative to the page', '/self-hosted/captchala-loader.js'],
  ])('%s loads', async (_name, src) => {
    allowLoaderOrigins(['https://site.example/self-hosted/captchala-loader.js']);
    const page = fakeLoaderPlatform();
    void loadCaptchala({ src, platform: page.platform }).catch(() => {});
    expect(page.scripts.map((script) => script.src)).toEqual([new URL(src, 'https://site.example/').href]);
  });
});
