/// <reference types="@captchala-kit/testing/client" />
import { baseUrl, loaderUrl } from 'virtual:captchala-fake';
import { afterEach, beforeEach, describe, expect, inject, test, vi } from 'vitest';
import { connectStandIn } from '../src/connectStandIn';

const standIn = connectStandIn({ baseUrl });
const w = window as any;

/** Each test loads the loader into a fresh iframe, so `window.Captchala` starts absent every time. */
let frame: HTMLIFrameElement;
let win: any;

async function freshWindow(options: { query?: string; head?: string } = {}): Promise<void> {
  frame = document.createElement('iframe');
  document.body.append(frame);
  win = frame.contentWindow;
  const doc = frame.contentDocument!;
  doc.open();
  doc.write(
    `<!doctype html><html><head>${options.head ?? ''}</head><body><form id="f"><div id="c"></div></form></body></html>`,
  );
  doc.close();
  await new Promise<void>((resolve, reject) => {
    const script = doc.createElement('script');
    script.src = `${loaderUrl}${options.query ?? ''}`;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('loader failed'));
    doc.head.append(script);
  });
}

const loadSdk = () =>
  new Promise<unknown>((resolve, reject) => win.loadCaptchala(() => resolve(win.Captchala), reject));

function events(instance: any) {
  const log: Array<[string, unknown]> = [];
  instance
    .onReady(() => log.push(['ready', undefined]))
    .onSuccess((result: unknown) => log.push(['success', result]))
    .onError((error: unknown) => log.push(['error', error]))
    .onClose(() => log.push(['close', undefined]));
  return log;
}

const has = (log: Array<[string, unknown]>, type: string) => log.some(([seen]) => seen === type);
const q = (selector: string) => frame.contentDocument!.querySelector<HTMLElement>(selector);
const hook = (name: string) => q(`[data-captchala-fake="${name}"]`);

async function mounted(config: Record<string, unknown>) {
  await freshWindow();
  await loadSdk();
  const instance = win.Captchala.init(config);
  const log = events(instance);
  return { instance, log };
}

beforeEach(() => standIn.reset());
afterEach(() => frame?.remove());

describe('loader', () => {
  test('window.Captchala exists only after the first loadCaptchala() call completes', async () => {
    await freshWindow();
    expect(typeof win.loadCaptchala).toBe('function');
    expect(win.Captchala).toBeUndefined();
    const sdk = await loadSdk();
    expect(sdk).toBe(win.Captchala);
    expect(typeof win.Captchala.init).toBe('function');
  });

  test('calls are idempotent: one SDK request for many calls, and later calls still get onReady', async () => {
    await freshWindow();
    await Promise.all([loadSdk(), loadSdk(), loadSdk()]);
    await loadSdk();
    expect(win.__captchalaFake.sdkRequests).toBe(1);
    expect(win.__captchalaFake.loadCalls).toBe(4);
  });

  test('sdk_404: onError gets a string naming the SDK URL, and a later call retries', async () => {
    await freshWindow({ query: '?scenario=sdk_404' });
    await expect(loadSdk()).rejects.toMatch(/Failed to load the CaptchaLa SDK/);
    await expect(loadSdk()).rejects.toMatch(/Failed to load/);
    expect(win.__captchalaFake.sdkRequests).toBe(2);
    expect(win.Captchala).toBeUndefined();
  });

  test('no_global: the SDK runs but defines nothing → onError', async () => {
    await freshWindow({ query: '?scenario=no_global' });
    await expect(loadSdk()).rejects.toThrow(/did not initialise/);
  });

  test('silent: the loader never calls back (it never even asks for the SDK)', async () => {
    await freshWindow({ query: '?scenario=silent' });
    void loadSdk();
    expect(win.__captchalaFake).toMatchObject({ loadCalls: 1, sdkRequests: 0 });
    expect(frame.contentDocument!.querySelectorAll('script')).toHaveLength(1);
  });

  test('connectStandIn().scriptUrls() are exactly the loader and the SDK it fetches: what a page allows', async () => {
    await freshWindow();
    await loadSdk();
    const scripts = [...frame.contentDocument!.querySelectorAll('script')].map((script) => script.src);
    expect(scripts).toEqual(standIn.scriptUrls());
    expect(scripts[0]).toBe(`${location.origin}${baseUrl}/captchala-loader.js`);
    const crossOrigin = inject('captchalaUrl');
    expect(connectStandIn({ baseUrl: `${crossOrigin}/` }).scriptUrls()).toEqual([
      `${crossOrigin}/captchala-loader.js`,
      `${crossOrigin}/captchala.js`,
    ]);
  });

  test('like the real loader, it copies no nonce onto the SDK tag and creates no Trusted Types policy', async () => {
    await freshWindow({ head: '<meta name="csp-nonce" content="n0nce">' });
    frame.contentDocument!.querySelector('script')!.setAttribute('nonce', 'n0nce');
    await loadSdk();
    const sdkTag = [...frame.contentDocument!.querySelectorAll('script')].find((s) =>
      s.src.endsWith('/captchala.js'),
    )!;
    expect(sdkTag.nonce).toBe('');
    expect(sdkTag.hasAttribute('nonce')).toBe(false);
    // Under enforced Trusted Types its plain `script.src = url` throws, right in loadCaptchala().
    const tt = document.createElement('iframe');
    tt.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'; trusted-types allow-loader"><body>`;
    const loaded = new Promise((resolve) => tt.addEventListener('load', resolve, { once: true }));
    document.body.append(tt);
    await loaded;
    const ttWin = tt.contentWindow as any;
    const policy = ttWin.trustedTypes.createPolicy('allow-loader', { createScriptURL: (url: string) => url });
    const script = tt.contentDocument!.createElement('script');
    script.src = policy.createScriptURL(new URL(loaderUrl, location.href).href);
    await new Promise((resolve) => {
      script.onload = resolve;
      tt.contentDocument!.head.append(script);
    });
    expect(() => ttWin.loadCaptchala(() => {})).toThrow(/TrustedScriptURL/);
    tt.remove();
  });
});

describe('SDK', () => {
  test('popup: trigger → panel → verify → onSuccess with a pt_ token, no ttl; buttons have no type', async () => {
    const { instance, log } = await mounted({ appKey: 'test_pass', product: 'popup', action: 'login' });
    instance.appendTo('#c');
    await vi.waitFor(() => expect(has(log, 'ready')).toBe(true));
    const trigger = hook('trigger')!;
    expect(trigger.hasAttribute('type')).toBe(false);
    trigger.setAttribute('type', 'button'); // what a kit must do inside a form (see the next test)
    trigger.click();
    await vi.waitFor(() => expect(hook('panel')).not.toBeNull());
    expect(hook('solve')!.hasAttribute('type')).toBe(false);
    hook('solve')!.click();
    await vi.waitFor(() => expect(has(log, 'success')).toBe(true));
    const result = log.find(([type]) => type === 'success')![1] as any;
    expect(result.token).toMatch(/^pt_[0-9a-f]{32}$/);
    expect(result).toMatchObject({ action: 'login' });
    expect(result.challengeId).toMatch(/^ch_/);
    expect(result).not.toHaveProperty('ttl');
    expect(hook('panel')).toBeNull();
  });

  test('SDK buttons in both shapes submit a surrounding form unless a kit neutralises them', async () => {
    let submitted = 0;
    const { instance, log } = await mounted({ appKey: 'test_pass', product: 'embed' });
    q('#f')!.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted += 1;
    });
    instance.appendTo('#c');
    await vi.waitFor(() => expect(has(log, 'ready')).toBe(true));
    const checkbox = hook('checkbox')!;
    // Second shape: `type=submit`, inside a nested element.
    expect(checkbox.getAttribute('type')).toBe('submit');
    expect(checkbox.parentElement!.matches('[data-captchala-fake="root"]')).toBe(false);
    checkbox.click();
    expect(submitted).toBe(1);
    instance.destroy();
    const popup = win.Captchala.init({ appKey: 'test_pass', product: 'popup' });
    popup.appendTo('#c');
    hook('trigger')!.click(); // first shape: no type at all
    expect(submitted).toBe(2);
  });

  test('embed: clicking the checkbox solves; reset() unsolves and fetches a new challenge', async () => {
    const { instance, log } = await mounted({ appKey: 'test_pass~embed', product: 'embed' });
    instance.appendTo('#c');
    await vi.waitFor(() => expect(has(log, 'ready')).toBe(true));
    const checkbox = hook('checkbox')!;
    checkbox.setAttribute('type', 'button');
    checkbox.click();
    await vi.waitFor(() => expect(has(log, 'success')).toBe(true));
    expect(checkbox.getAttribute('aria-checked')).toBe('true');
    instance.reset();
    expect(checkbox.getAttribute('aria-checked')).toBe('false');
    await vi.waitFor(() => expect(log.filter(([type]) => type === 'ready')).toHaveLength(2));
    // A key of its own (`~tag`): a fetch still in flight from an earlier test's frame cannot count here.
    expect((await standIn.inspect()).challengeFetches['test_pass~embed']).toBe(2);
  });

  test('the panel is a good dialog: named by its title, focus moves in, Escape closes (onClose)', async () => {
    const { instance, log } = await mounted({ appKey: 'test_pass', product: 'float' });
    instance.appendTo('#c');
    await vi.waitFor(() => expect(has(log, 'ready')).toBe(true));
    instance.showCaptcha();
    await vi.waitFor(() => expect(hook('panel')).not.toBeNull());
    const panel = hook('panel')!;
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(frame.contentDocument!.getElementById(panel.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Security check',
    );
    expect(hook('overlay')).toBeNull(); // float: next to the trigger, no overlay
    expect(frame.contentDocument!.activeElement).toBe(hook('solve'));
    hook('solve')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(log.map(([type]) => type)).toEqual(['ready', 'close']);
    expect(hook('panel')).toBeNull();
  });

  test('bind: clicking the bound element runs the challenge; auto-pass keys need no interaction', async () => {
    const { instance, log } = await mounted({ appKey: 'test_auto_pass', product: 'bind' });
    const button = frame.contentDocument!.createElement('button');
    button.type = 'button';
    frame.contentDocument!.body.append(button);
    instance.bindTo(button);
    await vi.waitFor(() => expect(has(log, 'ready')).toBe(true));
    button.click();
    await vi.waitFor(() => expect(has(log, 'success')).toBe(true));
    expect(hook('panel')).toBeNull();
  });

  test('verify() before ready fetches a second challenge, as the real SDK does, and the stand-in counts it', async () => {
    const { instance, log } = await mounted({ appKey: 'test_auto_pass~early', product: 'popup' });
    instance.appendTo('#c');
    instance.verify();
    await vi.waitFor(() => expect(has(log, 'success')).toBe(true));
    const state = await standIn.inspect();
    expect(state.challengeFetches['test_auto_pass~early']).toBe(2);
    expect(state.earlyChallenges['test_auto_pass~early']).toBe(1);
  });

  test('after ready, verify() uses the preloaded challenge: no second fetch, nothing early', async () => {
    const { instance, log } = await mounted({ appKey: 'test_auto_pass~ready', product: 'popup' });
    instance.appendTo('#c');
    await vi.waitFor(() => expect(has(log, 'ready')).toBe(true));
    instance.verify();
    await vi.waitFor(() => expect(has(log, 'success')).toBe(true));
    const state = await standIn.inspect();
    expect(state.challengeFetches['test_auto_pass~ready']).toBe(1);
    expect(state.earlyChallenges['test_auto_pass~ready']).toBeUndefined();
  });

  test('errors are "message (code)" strings: always-fail, unknown key, server token required', async () => {
    const { instance: fail, log: failLog } = await mounted({ appKey: 'test_fail', product: 'popup' });
    fail.appendTo('#c');
    await vi.waitFor(() => expect(has(failLog, 'ready')).toBe(true));
    fail.verify();
    await vi.waitFor(() => expect(hook('solve')).not.toBeNull());
    hook('solve')!.click();
    await vi.waitFor(() => expect(has(failLog, 'error')).toBe(true));
    expect(failLog.at(-1)).toEqual(['error', 'Verification failed (verify_failed)']);
    fail.destroy();

    for (const [config, message] of [
      [{ appKey: 'nobody' }, 'Unknown app key "nobody" (invalid_app_key)'],
      [{ appKey: 'constructor' }, 'Unknown app key "constructor" (invalid_app_key)'],
      [{ appKey: 'test_server_token' }, 'This app requires a server token (server_token_required)'],
    ] as const) {
      const instance = win.Captchala.init(config).appendTo('#c');
      const log = events(instance);
      await vi.waitFor(() => expect(log).toHaveLength(1));
      expect(log[0]).toEqual(['error', message]);
      instance.destroy();
    }
  });

  test('server token flow: a fresh sct_ from the site endpoint makes the app work', async () => {
    const response = await fetch(standIn.serverTokenUrl({ appKey: 'test_server_token' }), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'login' }),
    });
    const { server_token } = await response.json();
    const { instance, log } = await mounted({
      appKey: 'test_server_token',
      action: 'login',
      serverToken: server_token,
    });
    instance.appendTo('#c');
    await vi.waitFor(() => expect(log).toHaveLength(1));
    expect(log[0]![0]).toBe('ready');
  });

  test('a _renew key asks onServerTokenExpired for a new server token when its own is refused, once', async () => {
    const fresh = async () => {
      const response = await fetch(standIn.serverTokenUrl({ appKey: 'test_server_token_renew' }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"action":"default"}',
      });
      return (await response.json()).server_token as string;
    };
    const renew = vi.fn(fresh);
    const { instance, log } = await mounted({
      appKey: 'test_server_token_renew',
      serverToken: 'sct_revoked',
      onServerTokenExpired: renew,
    });
    instance.appendTo('#c');
    await vi.waitFor(() => expect(log).toHaveLength(1));
    expect(log[0]![0]).toBe('ready');
    expect(renew).toHaveBeenCalledTimes(1);
    // Without the key's renewal, the refusal is the caller's to handle.
    const plain = win.Captchala.init({
      appKey: 'test_server_token',
      serverToken: 'sct_revoked',
      onServerTokenExpired: renew,
    });
    const plainLog = events(plain);
    plain.appendTo('#c');
    await vi.waitFor(() => expect(plainLog).toHaveLength(1));
    expect(plainLog[0]).toEqual(['error', 'Server token is invalid (server_token_invalid)']);
    expect(renew).toHaveBeenCalledTimes(1);
  });

  test('setLang switches the UI live; auto, unknown and prototype tags resolve safely; dark theme applies', async () => {
    const { instance } = await mounted({ appKey: 'test_pass', product: 'popup', lang: 'ja', theme: 'dark' });
    instance.appendTo('#c');
    const trigger = hook('trigger')!;
    expect(trigger.textContent).toBe('クリックして認証');
    instance.setLang('zh-TW');
    expect(trigger.textContent).toBe('點擊進行驗證');
    instance.setLang('xx-YY');
    expect(trigger.textContent).toBe('Click to verify');
    instance.setLang('constructor');
    expect(trigger.textContent).toBe('Click to verify');
    expect(hook('root')!.dataset['theme']).toBe('dark');
    const legacy = win.Captchala.init({ appKey: 'test_legacy_sdk', product: 'popup' });
    expect(legacy.setLang).toBeUndefined(); // an older SDK build: callers feature-detect
  });

  test('destroy() removes every node and silences callbacks, even for answers already on their way', async () => {
    await freshWindow();
    await loadSdk();
    let answersRead = 0;
    const fetch = win.fetch.bind(win);
    win.fetch = async (...args: unknown[]) => {
      const response = await fetch(...args);
      const json = response.json.bind(response);
      response.json = async () => {
        const body = await json();
        answersRead += 1; // the SDK gets the answer right after this: it would call back now
        return body;
      };
      return response;
    };
    const instance = win.Captchala.init({ appKey: 'test_pass', product: 'popup' }).appendTo('#c');
    const log = events(instance);
    instance.destroy(); // the preload's challenge request is in flight
    expect(q('[data-captchala-fake]')).toBeNull();
    await vi.waitFor(() => expect(answersRead).toBe(1));
    // A live instance started now reports ready after a round trip: after any callback of the destroyed one.
    const witness = win.Captchala.init({ appKey: 'test_pass', product: 'popup' }).appendTo('#c');
    const witnessLog = events(witness);
    await vi.waitFor(() => expect(witnessLog).toEqual([['ready', undefined]]));
    expect(answersRead).toBe(2);
    expect(log).toEqual([]);
    witness.destroy();
  });
});

test('the test page itself never got a CaptchaLa global', () => {
  expect(w.Captchala).toBeUndefined();
});
