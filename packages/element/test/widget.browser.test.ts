import '@captchala-kit/element/define';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CaptchalaWidget } from '../src/index';
import { base, control, events, fake, loaderSrc, render, siteValidate, until } from './helpers';

let cleanup: Array<() => void> = [];
beforeEach(async () => {
  await control('reset');
});
afterEach(() => {
  for (const fn of cleanup) fn();
  cleanup = [];
  document.body.replaceChildren();
});

function form(attrs: string, extra = '') {
  const rendered = render(`<form action="/never" method="post">
      <input name="email" value="ada@example.test" />
      <captchala-widget loader-src="${loaderSrc}" ${attrs}></captchala-widget>
      ${extra}
      <button name="intent" value="publish">Publish</button>
    </form>`);
  const submissions: FormData[] = [];
  // The page's own handler: fetch-style, reads FormData synchronously like most apps and frameworks do.
  rendered.form.addEventListener('submit', (event) => {
    event.preventDefault();
    submissions.push(new FormData(rendered.form, (event as SubmitEvent).submitter));
  });
  return { ...rendered, submissions };
}

const ready = (widget: CaptchalaWidget) =>
  until(() => widget.status === 'ready', `ready (is ${widget.status})`);

describe('<captchala-widget> as a form control', () => {
  test('the token travels in FormData under name, with no input of ours in light DOM', async () => {
    const { form: f, widget } = form('app-key="test_pass" product="embed" name="cf_token"');
    await ready(widget);
    fake('checkbox')!.click();
    await until(() => widget.token !== '', 'token');
    expect(new FormData(f).get('cf_token')).toBe(widget.token);
    expect(widget.token).toMatch(/^pt_/);
    expect(f.querySelectorAll('input')).toHaveLength(1);
    expect(widget.status).toBe('verified');
    expect(widget.expiresAt! - widget.issuedAt!).toBe(120_000);
  });

  test('form.reset() clears the value; so does a page restored from the back/forward cache', async () => {
    const { form: f, widget } = form('app-key="test_pass" product="embed"');
    await ready(widget);
    fake('checkbox')!.click();
    await until(() => widget.token !== '', 'token');
    f.reset();
    expect(new FormData(f).get('captchala_token')).toBeNull();
    expect(widget.token).toBe('');
    await until(() => fake('checkbox')?.getAttribute('aria-checked') === 'false', 'SDK reset');
    fake('checkbox')!.click();
    await until(() => widget.token !== '', 'second token');
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(new FormData(f).get('captchala_token')).toBeNull();
    expect(widget.token).toBe('');
  });

  test('a disabled fieldset: no value, and submissions pass unguarded', async () => {
    const rendered = render(`<form><fieldset disabled>
        <captchala-widget loader-src="${loaderSrc}" app-key="test_pass" product="embed"></captchala-widget>
      </fieldset><button>Go</button></form>`);
    let submitted = 0;
    rendered.form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted += 1;
    });
    await ready(rendered.widget);
    rendered.form.requestSubmit();
    expect(submitted).toBe(1);
    expect(new FormData(rendered.form).has('captchala_token')).toBe(false);
  });
});

describe('submit guard: refresh-before-submit and clear-after-use', () => {
  test('a fresh unused token goes out untouched, in the same submission, and is then spent', async () => {
    const { form: f, widget, submissions } = form('app-key="test_pass" product="embed"');
    await ready(widget);
    fake('checkbox')!.click();
    await until(() => widget.token !== '', 'token');
    const token = widget.token;
    f.querySelector<HTMLButtonElement>('button[name="intent"]')!.click();
    expect(submissions).toHaveLength(1);
    expect(submissions[0]!.get('captchala_token')).toBe(token);
    expect(submissions[0]!.get('intent')).toBe('publish');
    expect(widget.status).toBe('consumed');
    await until(() => new FormData(f).get('captchala_token') === null, 'value cleared after the submission');
    expect(await siteValidate('test_pass', submissions[0]!)).toMatchObject({ valid: true });
  });

  test('no token: the submission is held, one challenge runs, and the same submitter re-submits once', async () => {
    const { form: f, widget, submissions } = form('app-key="test_pass" product="popup"');
    await ready(widget);
    f.querySelector<HTMLButtonElement>('button[name="intent"]')!.click();
    f.querySelector<HTMLButtonElement>('button[name="intent"]')!.click(); // an impatient second click: still one challenge, one submission
    expect(submissions).toHaveLength(0);
    await until(() => fake('panel') !== null, 'challenge panel');
    expect(widget.status).toBe('solving');
    fake('solve')!.click();
    await until(() => submissions.length === 1, 'the re-submission');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(submissions).toHaveLength(1);
    expect(submissions[0]!.get('intent')).toBe('publish');
    expect(submissions[0]!.get('email')).toBe('ada@example.test');
    expect(submissions[0]!.get('captchala_token')).toMatch(/^pt_/);
    expect((await control('inspect')).challengeFetches.test_pass).toBe(2); // preload + the one after ready
  });

  test('two successive fetch submits send two different tokens, and the backend never sees token_consumed', async () => {
    const { form: f, widget, submissions } = form('app-key="test_auto_pass" product="popup"');
    await ready(widget);
    f.requestSubmit();
    await until(() => submissions.length === 1, 'first submission');
    const first = await siteValidate('test_auto_pass', submissions[0]!);
    f.requestSubmit();
    await until(() => submissions.length === 2, 'second submission');
    const second = await siteValidate('test_auto_pass', submissions[1]!);
    expect(submissions[0]!.get('captchala_token')).not.toBe(submissions[1]!.get('captchala_token'));
    expect([first.valid, second.valid]).toEqual([true, true]);
    const state = await control('inspect');
    expect(state.validations.filter((v: { reason: string }) => v.reason === 'token_consumed')).toHaveLength(
      0,
    );
  });

  test('a failed server round-trip never replays the token: the next submit gets a new one', async () => {
    const { form: f, widget, submissions } = form('app-key="test_auto_pass" product="bind"');
    await ready(widget);
    f.requestSubmit();
    await until(() => submissions.length === 1, 'first submission');
    // The backend failed (say, a CSRF error) before validating: the user simply submits again.
    f.requestSubmit();
    await until(() => submissions.length === 2, 'retry submission');
    expect(submissions[1]!.get('captchala_token')).not.toBe(submissions[0]!.get('captchala_token'));
    expect(await siteValidate('test_auto_pass', submissions[1]!)).toMatchObject({ valid: true });
  });

  test('token TTL elapses: the stale token is dropped, and the submitted one is new, fresh and first-use', async () => {
    const {
      form: f,
      widget,
      submissions,
    } = form('app-key="test_ttl_3" product="embed" token-ttl="3" refresh-margin="1"');
    const log = events(widget, 'captchala-expired');
    await ready(widget);
    fake('checkbox')!.click();
    await until(() => widget.token !== '', 'token');
    const stale = widget.token;
    await until(() => widget.status === 'expired', 'expiry', 3_000);
    expect(log).toHaveLength(1);
    expect(new FormData(f).get('captchala_token')).toBeNull();
    expect(widget.shadowRoot!.querySelector('[part="status"]')!.textContent).toMatch(/expired/i);
    f.querySelector<HTMLButtonElement>('button[name="intent"]')!.click();
    await until(() => fake('panel') !== null, 'challenge panel');
    fake('solve')!.click();
    await until(() => submissions.length === 1, 'submission');
    const sent = String(submissions[0]!.get('captchala_token'));
    expect(sent).not.toBe(stale);
    expect(await siteValidate('test_ttl_3', submissions[0]!)).toMatchObject({ valid: true });
    const record = (await control('inspect')).passTokens.find((t: { token: string }) => t.token === sent);
    expect(record).toMatchObject({ validations: 1, consumed: true, expired: false });
  });

  test('the user closes the challenge: nothing is submitted, every value stays, and the widget says so', async () => {
    const { form: f, widget, submissions } = form('app-key="test_pass" product="popup"');
    const log = events(widget, 'captchala-close');
    await ready(widget);
    const email = f.querySelector<HTMLInputElement>('input[name="email"]')!;
    email.value = 'typed@example.test';
    f.querySelector<HTMLButtonElement>('button[name="intent"]')!.click();
    await until(() => fake('close') !== null, 'challenge panel');
    fake('close')!.click();
    await until(() => widget.status === 'ready', 'back to ready');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(submissions).toHaveLength(0);
    expect(log).toHaveLength(1);
    expect(email.value).toBe('typed@example.test');
  });

  test('a failed challenge: nothing is submitted, the error is shown, and the next submit tries again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    cleanup.push(() => vi.restoreAllMocks());
    const { form: f, widget, submissions } = form('app-key="test_fail" product="popup"');
    const log = events(widget, 'captchala-error');
    await ready(widget);
    const submit = f.querySelector<HTMLButtonElement>('button[name="intent"]')!;
    submit.click();
    await until(() => fake('solve') !== null, 'panel');
    fake('solve')!.click();
    await until(() => log.length === 1, 'captchala-error');
    expect(log[0]!.detail).toEqual({
      code: 'verify_failed',
      message: 'Verification failed',
      refreshable: false,
    });
    expect(widget.shadowRoot!.querySelector('[part="status"]')!.textContent).toContain('verify_failed');
    expect(submissions).toHaveLength(0);
    submit.click();
    await until(() => fake('panel') !== null, 'a new challenge on the next submit');
    expect(submissions).toHaveLength(0);
    fake('close')!.click();
  });

  test('SDK buttons inside the form never submit it', async () => {
    const { widget, submissions } = form('app-key="test_pass" product="popup"');
    await ready(widget);
    expect(fake('trigger')!.getAttribute('type')).toBe('button');
    fake('trigger')!.click();
    await until(() => fake('panel') !== null, 'panel');
    expect(submissions).toHaveLength(0);
    fake('close')!.click();
  });

  test('getToken() hands out a token nobody else gets; the held token is used first', async () => {
    const { widget } = form('app-key="test_auto_pass" product="popup"');
    await ready(widget);
    const [a, b] = await Promise.all([widget.getToken(), widget.getToken()]);
    expect(a).toMatch(/^pt_/);
    expect(b).not.toBe(a);
  });
});

describe('products, languages, loading', () => {
  test.each(['popup', 'float', 'embed', 'bind'] as const)('%s works end to end', async (product) => {
    const { form: f, widget, submissions } = form(`app-key="test_pass" product="${product}"`);
    await ready(widget);
    f.querySelector<HTMLButtonElement>('button[name="intent"]')!.click();
    await until(() => fake('panel') !== null, 'panel');
    fake('solve')!.click();
    await until(() => submissions.length === 1, 'submission');
    expect(await siteValidate('test_pass', submissions[0]!)).toMatchObject({ valid: true });
  });

  test('lang switches live (SDK and status line), without a re-init', async () => {
    const { widget } = form('app-key="test_pass" product="popup" lang="ja"');
    await ready(widget);
    const status = () => widget.shadowRoot!.querySelector('[part="status"]')!.textContent;
    expect(fake('trigger')!.textContent).toBe('クリックして認証');
    expect(status()).toBe('認証の準備ができました');
    widget.lang = 'ko';
    await widget.updateComplete;
    expect(fake('trigger')!.textContent).toBe('클릭하여 인증');
    expect(status()).toBe('인증 준비 완료');
    expect((await control('inspect')).challengeFetches.test_pass).toBe(1);
  });

  test("without a lang, the SDK and the status line follow the page's language", async () => {
    const { widget, host } = form('app-key="test_pass" product="popup"');
    host.remove();
    const wrapper = document.createElement('div');
    wrapper.lang = 'vi';
    wrapper.append(host);
    document.body.append(wrapper);
    await until(() => fake('trigger') !== null, 'SDK rendered');
    expect(fake('trigger')!.textContent).toBe('Nhấn để xác minh');
    await ready(widget);
    expect(widget.shadowRoot!.querySelector('[part="status"]')!.textContent).toBe('Sẵn sàng xác minh');
  });

  test('theme: a preset, a JSON attribute, or an object property reach the SDK', async () => {
    const { widget } = form(`app-key="test_pass" product="popup" theme='{"custom":{"color":"#ff0000"}}'`);
    await ready(widget);
    expect(fake('root')!.style.getPropertyValue('--cf-color')).toBe('#ff0000');
    widget.theme = 'dark';
    await until(() => fake('root')?.dataset['theme'] === 'dark', 'dark theme');
  });

  test('loading="interaction" starts nothing until the form is touched', async () => {
    const { form: f, widget } = form('app-key="test_pass" product="popup" loading="interaction"');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(widget.status).toBe('idle');
    expect(fake('root') === null).toBe(true);
    f.querySelector('input')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await ready(widget);
  });

  test('loading="visible" waits until the widget nears the viewport (or the form is touched)', async () => {
    const { widget } = form(
      'app-key="test_pass" product="popup" loading="visible" style="margin-top: 4000px"',
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(widget.status).toBe('idle');
    widget.scrollIntoView();
    await ready(widget);
  });

  test('the disabled attribute: no value is submitted and submissions are not held', async () => {
    const { form: f, widget, submissions } = form('app-key="test_pass" product="embed"');
    await ready(widget);
    fake('checkbox')!.click();
    await until(() => widget.token !== '', 'token');
    widget.disabled = true;
    await widget.updateComplete;
    f.querySelector<HTMLButtonElement>('button[name="intent"]')!.click();
    expect(submissions).toHaveLength(1);
    expect(submissions[0]!.has('captchala_token')).toBe(false);
  });

  test('reserved size: the host takes its product height before the SDK renders', async () => {
    const { widget } = form('app-key="test_pass" product="embed" loading="interaction"');
    await widget.updateComplete;
    expect(widget.getBoundingClientRect().height).toBeGreaterThanOrEqual(74);
  });

  test('status events and reflected status for styling', async () => {
    const { widget } = form('app-key="test_pass" product="embed"');
    const log = events(widget, 'captchala-status', 'captchala-ready');
    await ready(widget);
    expect(log.filter((e) => e.type === 'captchala-status').map((e) => e.detail.status)).toEqual([
      'loading',
      'ready',
    ]);
    expect(log.some((e) => e.type === 'captchala-ready')).toBe(true);
    expect(widget.dataset['status']).toBe('ready');
  });
});

describe('bad input gets a clear error and nothing is lost', () => {
  test.each([
    ['no app-key', '', 'missing_app_key', /app-key/],
    [
      'an unknown product',
      'app-key="test_pass" product="inline"',
      'invalid_product',
      /popup, float, embed or bind/,
    ],
    ['malformed theme JSON', `app-key="test_pass" theme='{"custom":'`, 'invalid_theme', /not valid JSON/],
    ['a disabled app', 'app-key="test_disabled"', 'app_disabled', /disabled/],
    [
      'a server-token-url that 500s',
      `app-key="test_server_token" server-token-url="${base}/__site/status/500"`,
      'server_token_fetch_failed',
      /HTTP 500/,
    ],
  ])('%s → captchala-error %s, a console hint, no submission', async (_name, attrs, code, hint) => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    cleanup.push(() => consoleError.mockRestore());
    const uncaught: unknown[] = [];
    const onError = (event: ErrorEvent) => uncaught.push(event.error);
    window.addEventListener('error', onError);
    cleanup.push(() => window.removeEventListener('error', onError));
    const { form: f, widget, submissions } = form(attrs);
    const log = events(widget, 'captchala-error');
    await until(() => log.length > 0, 'captchala-error');
    expect(log[0]!.detail).toMatchObject({ code });
    expect(log[0]!.detail.message).toMatch(hint);
    expect(consoleError.mock.calls.some((args) => String(args[0]).includes(code))).toBe(true);
    expect(widget.status).toBe('error');
    f.querySelector<HTMLButtonElement>('button[name="intent"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(submissions).toHaveLength(0);
    expect(f.querySelector<HTMLInputElement>('input[name="email"]')!.value).toBe('ada@example.test');
    expect(uncaught).toEqual([]);
  });

  test('fixing the config later starts the widget', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { widget } = form('product="embed"');
    await until(() => widget.status === 'error', 'error');
    widget.appKey = 'test_pass';
    await ready(widget);
    vi.restoreAllMocks();
  });
});

describe('registration', () => {
  test('define is idempotent, even when evaluated again', async () => {
    expect(customElements.get('captchala-widget')).toBe(CaptchalaWidget);
    await import(/* @vite-ignore */ `../src/define.ts?again=${Date.now()}`);
    expect(customElements.get('captchala-widget')).toBe(CaptchalaWidget);
    expect(document.createElement('captchala-widget')).toBeInstanceOf(CaptchalaWidget);
  });
});
