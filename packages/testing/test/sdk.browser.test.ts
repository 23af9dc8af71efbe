import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest';

const base = inject('captchalaUrl');
const w = window as any;

/** Each test loads the loader into a fresh iframe, so `window.Captchala` starts absent every time. */
let frame: HTMLIFrameElement;
let win: any;

async function freshWindow(loaderQuery = ''): Promise<void> {
  frame = document.createElement('iframe');
  document.body.append(frame);
  win = frame.contentWindow;
  const doc = frame.contentDocument!;
  doc.open();
  doc.write('<!doctype html><html><head></head><body><form id="f"><div id="c"></div></form></body></html>');
  doc.close();
  await new Promise<void>((resolve, reject) => {
    const script = doc.createElement('script');
    script.src = `${base}/captchala-loader.js${loaderQuery}`;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('loader failed'));
    doc.head.append(script);
  });
}

const loadSdk = () =>
  new Promise<unknown>((resolve, reject) => win.loadCaptchala(() => resolve(win.Captchala), reject));

async function control(path: string, body?: unknown) {
  const response = await fetch(
    `${base}/__control/${path}`,
    body ? { method: 'POST', body: JSON.stringify(body) } : {},
  );
  return response.json();
}

function events(instance: any) {
  const log: Array<[string, unknown]> = [];
  instance
    .onReady(() => log.push(['ready', undefined]))
    .onSuccess((result: unknown) => log.push(['success', result]))
    .onError((error: unknown) => log.push(['error', error]))
    .onClose(() => log.push(['close', undefined]));
  return log;
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const q = (selector: string) => frame.contentDocument!.querySelector<HTMLElement>(selector);

beforeEach(() => control('reset', {}));
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
    await freshWindow('?scenario=sdk_404');
    await expect(loadSdk()).rejects.toMatch(/Failed to load the CaptchaLa SDK/);
    await expect(loadSdk()).rejects.toMatch(/Failed to load/);
    expect(win.__captchalaFake.sdkRequests).toBe(2);
    expect(win.Captchala).toBeUndefined();
  });

  test('no_global: the SDK runs but defines nothing → onError', async () => {
    await freshWindow('?scenario=no_global');
    await expect(loadSdk()).rejects.toThrow(/did not initialise/);
  });

  test('silent: the loader never calls back', async () => {
    await freshWindow('?scenario=silent');
    const outcome = await Promise.race([
      loadSdk().then(() => 'called back'),
      new Promise((resolve) => setTimeout(() => resolve('silent'), 300)),
    ]);
    expect(outcome).toBe('silent');
  });
});

describe('SDK', () => {
  test('popup: trigger → panel → verify → onSuccess with a pt_ token, no ttl; buttons have no type', async () => {
    await freshWindow();
    await loadSdk();
    const instance = win.Captchala.init({ appKey: 'test_pass', product: 'popup', action: 'login' }).appendTo(
      '#c',
    );
    const log = events(instance);
    await until(() => log.some(([type]) => type === 'ready'), 'ready');
    const trigger = q('[data-captchala-fake="trigger"]')!;
    expect(trigger.hasAttribute('type')).toBe(false);
    trigger.setAttribute('type', 'button'); // what a kit must do inside a form (see the next test)
    trigger.click();
    await until(() => q('[data-captchala-fake="panel"]') !== null, 'panel');
    expect(q('[data-captchala-fake="solve"]')!.hasAttribute('type')).toBe(false);
    q('[data-captchala-fake="solve"]')!.click();
    await until(() => log.some(([type]) => type === 'success'), 'success');
    const result = log.find(([type]) => type === 'success')![1] as any;
    expect(result.token).toMatch(/^pt_[0-9a-f]{32}$/);
    expect(result).toMatchObject({ action: 'login' });
    expect(result.challengeId).toMatch(/^ch_/);
    expect(result).not.toHaveProperty('ttl');
    expect(q('[data-captchala-fake="panel"]')).toBeNull();
  });

  test('an SDK button inside a form submits it unless the kit neutralises it', async () => {
    await freshWindow();
    await loadSdk();
    let submitted = 0;
    q('#f')!.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted += 1;
    });
    const instance = win.Captchala.init({ appKey: 'test_pass', product: 'embed' }).appendTo('#c');
    const log = events(instance);
    await until(() => log.length > 0, 'ready');
    q('[data-captchala-fake="checkbox"]')!.click();
    expect(submitted).toBe(1);
  });

  test('embed: clicking the checkbox solves; reset() unsolves and fetches a new challenge', async () => {
    await freshWindow();
    await loadSdk();
    const instance = win.Captchala.init({ appKey: 'test_pass', product: 'embed' }).appendTo('#c');
    const log = events(instance);
    await until(() => log.length > 0, 'ready');
    const checkbox = q('[data-captchala-fake="checkbox"]')!;
    checkbox.setAttribute('type', 'button');
    checkbox.click();
    await until(() => log.some(([type]) => type === 'success'), 'success');
    expect(checkbox.getAttribute('aria-checked')).toBe('true');
    instance.reset();
    expect(checkbox.getAttribute('aria-checked')).toBe('false');
    await until(() => log.filter(([type]) => type === 'ready').length === 2, 'second ready');
    expect((await control('inspect')).challengeFetches).toEqual({ test_pass: 2 });
  });

  test('float: the panel floats next to the trigger; close → onClose and no success', async () => {
    await freshWindow();
    await loadSdk();
    const instance = win.Captchala.init({ appKey: 'test_pass', product: 'float' }).appendTo('#c');
    const log = events(instance);
    await until(() => log.length > 0, 'ready');
    instance.showCaptcha();
    await until(() => q('[data-captchala-fake="panel"]') !== null, 'panel');
    expect(q('[data-captchala-fake="overlay"]')).toBeNull();
    q('[data-captchala-fake="close"]')!.click();
    expect(log.map(([type]) => type)).toEqual(['ready', 'close']);
    expect(q('[data-captchala-fake="panel"]')).toBeNull();
  });

  test('bind: clicking the bound element runs the challenge; auto-pass keys need no interaction', async () => {
    await freshWindow();
    await loadSdk();
    const button = frame.contentDocument!.createElement('button');
    button.type = 'button';
    frame.contentDocument!.body.append(button);
    const instance = win.Captchala.init({ appKey: 'test_auto_pass', product: 'bind' });
    const log = events(instance);
    instance.bindTo(button);
    await until(() => log.length > 0, 'ready');
    button.click();
    await until(() => log.some(([type]) => type === 'success'), 'success');
    expect(q('[data-captchala-fake="panel"]')).toBeNull();
  });

  test('verify() before ready fetches a second challenge, as the real SDK does', async () => {
    await freshWindow();
    await loadSdk();
    const instance = win.Captchala.init({ appKey: 'test_auto_pass', product: 'popup' }).appendTo('#c');
    const log = events(instance);
    instance.verify();
    await until(() => log.some(([type]) => type === 'success'), 'success');
    expect((await control('inspect')).challengeFetches.test_auto_pass).toBeGreaterThanOrEqual(1);
  });

  test('errors are "message (code)" strings: always-fail, unknown key, server token required', async () => {
    await freshWindow();
    await loadSdk();
    const fail = win.Captchala.init({ appKey: 'test_fail', product: 'popup' }).appendTo('#c');
    const failLog = events(fail);
    await until(() => failLog.length > 0, 'ready');
    fail.verify();
    await until(() => q('[data-captchala-fake="solve"]') !== null, 'panel');
    q('[data-captchala-fake="solve"]')!.click();
    await until(() => failLog.some(([type]) => type === 'error'), 'error');
    expect(failLog.at(-1)).toEqual(['error', 'Verification failed (verify_failed)']);
    fail.destroy();

    const unknown = win.Captchala.init({ appKey: 'nobody' }).appendTo('#c');
    const unknownLog = events(unknown);
    await until(() => unknownLog.length > 0, 'error');
    expect(unknownLog[0]![1]).toMatch(/^Unknown app key "nobody" \(invalid_app_key\)$/);
    unknown.destroy();

    const sct = win.Captchala.init({ appKey: 'test_server_token' }).appendTo('#c');
    const sctLog = events(sct);
    await until(() => sctLog.length > 0, 'error');
    expect(sctLog[0]![1]).toBe('This app requires a server token (server_token_required)');
    expect(String(sctLog[0]![1])).toMatch(/\(([a-z_]+)\)\s*$/);
  });

  test('server token flow: a fresh sct_ from the site endpoint makes the app work', async () => {
    await freshWindow();
    await loadSdk();
    const response = await fetch(`${base}/__site/server-token?app_key=test_server_token`, {
      method: 'POST',
      body: JSON.stringify({ action: 'login' }),
    });
    const { server_token } = await response.json();
    const instance = win.Captchala.init({
      appKey: 'test_server_token',
      action: 'login',
      serverToken: server_token,
    });
    const log = events(instance);
    instance.appendTo('#c');
    await until(() => log.length > 0, 'ready');
    expect(log[0]![0]).toBe('ready');
  });

  test('setLang switches the UI live; auto and unknown tags resolve; dark theme applies', async () => {
    await freshWindow();
    await loadSdk();
    const instance = win.Captchala.init({ appKey: 'test_pass', product: 'popup', lang: 'ja', theme: 'dark' });
    instance.appendTo('#c');
    const trigger = q('[data-captchala-fake="trigger"]')!;
    expect(trigger.textContent).toBe('クリックして認証');
    instance.setLang('zh-TW');
    expect(trigger.textContent).toBe('點擊進行驗證');
    instance.setLang('xx-YY');
    expect(trigger.textContent).toBe('Click to verify');
    expect(q('[data-captchala-fake="root"]')!.dataset['theme']).toBe('dark');
  });

  test('destroy() removes every node and silences callbacks', async () => {
    await freshWindow();
    await loadSdk();
    const instance = win.Captchala.init({ appKey: 'test_pass', product: 'popup' }).appendTo('#c');
    const log = events(instance);
    instance.showCaptcha();
    await until(() => q('[data-captchala-fake="panel"]') !== null, 'panel');
    instance.destroy();
    expect(q('[data-captchala-fake]')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log.filter(([type]) => type !== 'ready')).toEqual([]);
  });
});

test('the test page itself never got a CaptchaLa global', () => {
  expect(w.Captchala).toBeUndefined();
});
