import '@captchala-kit/element/define';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { CaptchalaWidget } from '../src/index';
import { events, fake, next, renderForm, standIn, status } from './helpers';

let consoleError: { mock: { calls: unknown[][] } };
beforeEach(async () => {
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
  await standIn.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

const form = (attrs: string) => renderForm({ attrs });

/** Lets the current task end: what separates two clicks of a person. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

/** A serverTokenProvider backed by the stand-in's demo site endpoint, counting its calls. */
function provider(
  appKey: string,
  answer?: (n: number, token: string) => { serverToken: string; expiresIn: number },
) {
  let calls = 0;
  const fn = async () => {
    calls += 1;
    const response = await fetch(standIn.serverTokenUrl({ appKey }), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"action":"default"}',
    });
    const { server_token: token, expires_in: expiresIn } = await response.json();
    return answer ? answer(calls, token) : { serverToken: token, expiresIn };
  };
  return { fn, calls: () => calls };
}

describe('a failed SDK init never leaves the form stuck', () => {
  test('a rate-limited first init: the next submit re-inits (with backoff) and the form submits', async () => {
    const { widget, submit, submissions } = form('app-key="test_flaky_1~submit" product="popup"');
    const failed = await next(widget, 'captchala-error');
    expect(failed.detail.code).toBe('rate_limit_exceeded');
    expect(widget.status).toBe('error');
    submit();
    await expect.poll(() => fake('panel'), { timeout: 4_000 }).not.toBeNull();
    fake('solve')!.click();
    await expect.poll(() => submissions.length).toBe(1);
    expect(
      await standIn.siteValidate({ appKey: 'test_flaky_1~submit', body: submissions[0]! }),
    ).toMatchObject({
      valid: true,
    });
  });

  test('bind (invisible): the same, with no way out but the next submit', async () => {
    const { widget, submit, submissions } = form('app-key="test_flaky_1_auto~bind" product="bind"');
    await next(widget, 'captchala-error');
    submit();
    await expect.poll(() => submissions.length, { timeout: 4_000 }).toBe(1);
    expect(submissions[0]!.get('captchala_token')).toMatch(/^pt_/);
  });

  test('a click on the widget after an error retries too', async () => {
    const { widget } = form('app-key="test_flaky_1~click" product="popup"');
    await next(widget, 'captchala-error');
    widget.click();
    await status(widget, 'ready');
  });

  test('an error no retry can fix (app_disabled): every submit fails at once, saying so; none is swallowed', async () => {
    const { widget, submit, submissions } = form('app-key="test_disabled~each" product="popup"');
    const log = events(widget, 'captchala-error');
    await expect.poll(() => log.length).toBe(1);
    submit();
    expect(log).toHaveLength(2); // synchronously: the action failed at once
    await nextTask(); // the user's next click
    submit();
    expect(log).toHaveLength(3);
    await expect(widget.getToken()).rejects.toMatchObject({ code: 'app_disabled' });
    expect(log.map((event) => event.detail.code)).toEqual(Array(4).fill('app_disabled'));
    expect(submissions).toHaveLength(0);
    // The stand-in saw the first init's one (refused) challenge fetch: no silent re-init before or since.
    expect((await standIn.inspect()).challengeFetches['test_disabled~each']).toBe(1);
  });

  test('no getToken() stays pending once the widget is in error', async () => {
    const { widget } = form('app-key="test_flaky_1~pending" product="popup"');
    const waiting = widget.getToken();
    await expect(waiting).rejects.toMatchObject({ code: 'rate_limit_exceeded' });
    expect(widget.status).toBe('error');
  });
});

describe('server tokens never loop', () => {
  test('short-lived server tokens (20 s): one fetch per init, not hundreds a second', async () => {
    const sct = provider('test_server_token', (_n, token) => ({ serverToken: token, expiresIn: 20 }));
    const { widget, submit, submissions } = form('app-key="test_server_token" product="popup"');
    widget.serverTokenProvider = sct.fn;
    await status(widget, 'ready');
    const reinit = next(widget, 'captchala-ready');
    submit();
    await expect.poll(() => fake('panel')).not.toBeNull();
    fake('solve')!.click();
    await expect.poll(() => submissions.length).toBe(1);
    await reinit;
    // The init, and the re-init after the hand-out: a refresh scheduled at expiresAt − 30 s would be looping.
    expect(sct.calls()).toBe(2);
    expect(await standIn.siteValidate({ appKey: 'test_server_token', body: submissions[0]! })).toMatchObject({
      valid: true,
    });
  });

  test('a provider that keeps answering stale tokens: server_token_fetch_failed after 3 tries', async () => {
    const sct = provider('test_server_token', (_n, token) => ({ serverToken: token, expiresIn: 2 }));
    const { widget } = form('app-key="test_server_token" product="popup"');
    widget.serverTokenProvider = sct.fn;
    const failed = await next(widget, 'captchala-error');
    expect(failed.detail).toMatchObject({ code: 'server_token_fetch_failed' });
    expect(failed.detail.message).toMatch(/expire within 5 s \(3 tries\)/);
    expect(sct.calls()).toBe(3);
  });

  test("an SDK that renews its server token through onServerTokenExpired: the kit's provider answers, no re-init", async () => {
    const sct = provider('test_server_token_renew', (n, token) => ({
      serverToken: n === 1 ? 'sct_revoked' : token,
      expiresIn: 300,
    }));
    const { form: f, widget } = form('app-key="test_server_token_renew" product="popup"');
    const log = events(widget, 'captchala-error', 'captchala-ready');
    widget.serverTokenProvider = sct.fn;
    await expect.poll(() => fake('root', f)).not.toBeNull();
    const root = fake('root', f);
    await status(widget, 'ready');
    expect(sct.calls()).toBe(2);
    expect(fake('root', f)).toBe(root); // the same SDK instance: a re-init would have rendered a new one
    expect(log.map((event) => event.type)).toEqual(['captchala-ready']);
  });
});

describe('bad attribute values get their own code, and nothing is lost', () => {
  test.each([
    ['no app-key', '', 'missing_app_key', /app-key/],
    [
      'an unknown product',
      'app-key="test_pass" product="inline"',
      'invalid_product',
      /popup, float, embed or bind/,
    ],
    ['malformed theme JSON', `app-key="test_pass" theme='{"custom":'`, 'invalid_theme', /not valid JSON/],
    ['token-ttl="abc"', 'app-key="test_pass" token-ttl="abc"', 'invalid_token_ttl', /"abc"/],
    ['token-ttl="-5"', 'app-key="test_pass" token-ttl="-5"', 'invalid_token_ttl', /"-5"/],
    ['token-ttl="0"', 'app-key="test_pass" token-ttl="0"', 'invalid_token_ttl', /"0"/],
    ['refresh-margin="-50"', 'app-key="test_pass" refresh-margin="-50"', 'invalid_refresh_margin', /"-50"/],
    [
      'an unknown loading',
      'app-key="test_pass" loading="lazy"',
      'invalid_loading',
      /eager, visible or interaction/,
    ],
    ['a disabled app', 'app-key="test_disabled"', 'app_disabled', /disabled/],
    [
      'a loader-src nobody allowed',
      'app-key="test_pass" loader-src="https://evil.example/x.js"',
      'loader_src_not_allowed',
      /evil\.example/,
    ],
    [
      'a server-token-url that 500s',
      'app-key="test_server_token" server-token-url="/__captchala/__site/status/500"',
      'server_token_fetch_failed',
      /HTTP 500/,
    ],
  ])('%s → captchala-error %s, a console hint, no submission', async (_name, attrs, code, hint) => {
    const uncaught: unknown[] = [];
    const onError = (event: ErrorEvent) => uncaught.push(event.error);
    window.addEventListener('error', onError);
    try {
      const { form: f, widget, submit, submissions } = form(attrs);
      const log = events(widget, 'captchala-error');
      await expect.poll(() => log.length).toBe(1);
      expect(log[0]!.detail).toMatchObject({ code, message: expect.stringMatching(hint) });
      expect(consoleError.mock.calls.some((args) => String(args[0]).includes(code))).toBe(true);
      expect(widget.status).toBe('error');
      expect(widget.token).toBe('');
      const before = log.length;
      submit();
      // The submit is not swallowed: it fails at once, or retries and fails again; either way, it says so.
      // (A retry waits out the backoff since the first failure: up to 1 s, then the fetch.)
      await expect.poll(() => log.length, { timeout: 5_000 }).toBeGreaterThan(before);
      expect(submissions).toHaveLength(0);
      expect(f.querySelector<HTMLInputElement>('input[name="email"]')!.value).toBe('ada@example.test');
      expect(uncaught).toEqual([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  test('fixing the attribute later starts the widget', async () => {
    const { widget } = form('product="embed" token-ttl="abc"');
    await status(widget, 'error');
    widget.appKey = 'test_pass';
    await expect.poll(() => widget.error?.code).toBe('invalid_token_ttl');
    widget.tokenTtl = 60;
    await status(widget, 'ready');
  });
});

describe('retry is bounded', () => {
  test('submits in a row after failures are spaced by the backoff, never a burst of inits', async () => {
    const { widget, submit } = form('app-key="test_flaky_3~spaced" product="popup"');
    await next(widget, 'captchala-error');
    const started = performance.now();
    submit(); // fails again (2nd refusal) after the 1 s backoff
    await next(widget as CaptchalaWidget, 'captchala-error');
    submit(); // 3rd refusal after 2 s more
    await next(widget, 'captchala-error');
    expect(performance.now() - started).toBeGreaterThan(2_900);
    expect((await standIn.inspect()).challengeFetches['test_flaky_3~spaced']).toBe(3);
  }, 10_000);
});
