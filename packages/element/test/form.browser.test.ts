import '@captchala-kit/element/define';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { CaptchalaWidget } from '../src/index';
import {
  events,
  fake,
  loaderSrc,
  next,
  recordSubmissions,
  render,
  renderForm,
  standIn,
  status,
  statusLine,
} from './helpers';

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

const form = (attrs: string) => renderForm({ attrs });

const ready = (widget: CaptchalaWidget) => status(widget, 'ready');
const publish = (f: HTMLFormElement) => f.querySelector<HTMLButtonElement>('button[name="intent"]')!;

describe('<captchala-widget> as a form control', () => {
  test('the token travels in FormData under name, with no input of ours in light DOM', async () => {
    const { form: f, widget } = form('app-key="test_pass" product="embed" name="cf_token"');
    await ready(widget);
    fake('checkbox')!.click();
    await status(widget, 'verified');
    expect(new FormData(f).get('cf_token')).toBe(widget.token);
    expect(widget.token).toMatch(/^pt_/);
    expect(f.querySelectorAll('input')).toHaveLength(1);
    expect(widget.expiresAt! - widget.issuedAt!).toBe(120_000);
  });

  test('form.reset() clears the value; so does a page restored from the back/forward cache', async () => {
    const { form: f, widget } = form('app-key="test_pass" product="embed"');
    await ready(widget);
    fake('checkbox')!.click();
    await status(widget, 'verified');
    f.reset();
    expect(new FormData(f).get('captchala_token')).toBeNull();
    expect(widget.token).toBe('');
    await ready(widget);
    fake('checkbox')!.click();
    await status(widget, 'verified');
    expect(new FormData(f).get('captchala_token')).toBe(widget.token);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(new FormData(f).get('captchala_token')).toBeNull();
    expect(widget.token).toBe('');
  });

  test('a disabled fieldset: no value, and submissions pass unguarded', async () => {
    const rendered = render(`<form><fieldset disabled>
        <captchala-widget loader-src="${loaderSrc}" app-key="test_pass" product="embed"></captchala-widget>
      </fieldset><button>Go</button></form>`);
    const submissions = recordSubmissions(rendered.form);
    await ready(rendered.widget);
    rendered.form.requestSubmit();
    expect(submissions).toHaveLength(1);
    expect(submissions[0]!.has('captchala_token')).toBe(false);
  });

  test('a token handed out by getToken() never appears in FormData', async () => {
    const { form: f, widget } = form('app-key="test_auto_pass" product="popup"');
    await ready(widget);
    const values: Array<FormDataEntryValue | null> = [];
    widget.addEventListener('captchala-change', () => values.push(new FormData(f).get('captchala_token')));
    const token = await widget.getToken();
    expect(token).toMatch(/^pt_/);
    expect(values).not.toContain(token);
    expect(new FormData(f).get('captchala_token')).toBeNull();
    expect(widget.token).toBe('');
  });
});

describe('submit guard: refresh-before-submit and clear-after-use', () => {
  test('a fresh unused token goes out untouched, in the same submission, and is then spent', async () => {
    const { form: f, widget, submissions } = form('app-key="test_pass" product="embed"');
    await ready(widget);
    fake('checkbox')!.click();
    await status(widget, 'verified');
    const token = widget.token;
    publish(f).click();
    expect(submissions).toHaveLength(1);
    expect(submissions[0]!.get('captchala_token')).toBe(token);
    expect(submissions[0]!.get('intent')).toBe('publish');
    expect(widget.status).toBe('consumed');
    await expect.poll(() => new FormData(f).get('captchala_token')).toBeNull();
    expect(await standIn.siteValidate({ appKey: 'test_pass', body: submissions[0]! })).toMatchObject({
      valid: true,
    });
  });

  test('no token: the submission is held, one challenge runs, and the same submitter re-submits once', async () => {
    const { form: f, widget, submissions } = form('app-key="test_pass~held" product="popup"');
    await ready(widget);
    publish(f).click();
    publish(f).click(); // an impatient second click: still one challenge, one submission
    expect(submissions).toHaveLength(0);
    await expect.poll(() => fake('panel')).not.toBeNull();
    expect(widget.status).toBe('solving');
    expect(document.querySelectorAll('[data-captchala-fake="panel"]')).toHaveLength(1);
    const reinit = next(widget, 'captchala-ready');
    fake('solve')!.click();
    await expect.poll(() => submissions.length).toBe(1);
    // The SDK re-inits after the hand-out; a second queued challenge would start right when it is ready.
    await reinit;
    expect(widget.status).toBe('consumed');
    expect(fake('panel')).toBeNull();
    expect(submissions).toHaveLength(1);
    expect(submissions[0]!.get('intent')).toBe('publish');
    expect(submissions[0]!.get('email')).toBe('ada@example.test');
    expect(submissions[0]!.get('captchala_token')).toMatch(/^pt_/);
    const state = await standIn.inspect();
    expect(state.challengeFetches['test_pass~held']).toBe(2); // the first init's preload + the re-init's
    expect(state.earlyChallenges['test_pass~held']).toBeUndefined();
  });

  test('two successive fetch submits send two different tokens, and the backend never sees token_consumed', async () => {
    const { form: f, widget, submissions } = form('app-key="test_auto_pass" product="popup"');
    await ready(widget);
    f.requestSubmit();
    await expect.poll(() => submissions.length).toBe(1);
    const first = await standIn.siteValidate({ appKey: 'test_auto_pass', body: submissions[0]! });
    f.requestSubmit();
    await expect.poll(() => submissions.length).toBe(2);
    const second = await standIn.siteValidate({ appKey: 'test_auto_pass', body: submissions[1]! });
    expect(submissions[0]!.get('captchala_token')).not.toBe(submissions[1]!.get('captchala_token'));
    expect([first.valid, second.valid]).toEqual([true, true]);
    const state = await standIn.inspect();
    expect(state.validations.filter((v) => v.reason === 'token_consumed')).toHaveLength(0);
  });

  test('a failed server round-trip never replays the token: the next submit gets a new one', async () => {
    const { form: f, widget, submissions } = form('app-key="test_auto_pass" product="bind"');
    await ready(widget);
    f.requestSubmit();
    await expect.poll(() => submissions.length).toBe(1);
    // The backend failed (say, a CSRF error) before validating: the user simply submits again.
    f.requestSubmit();
    await expect.poll(() => submissions.length).toBe(2);
    expect(submissions[1]!.get('captchala_token')).not.toBe(submissions[0]!.get('captchala_token'));
    expect(await standIn.siteValidate({ appKey: 'test_auto_pass', body: submissions[1]! })).toMatchObject({
      valid: true,
    });
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
    await status(widget, 'verified');
    const stale = widget.token;
    const reinit = next(widget, 'captchala-ready');
    await status(widget, 'expired', 3_000);
    expect(log).toHaveLength(1);
    expect(new FormData(f).get('captchala_token')).toBeNull();
    expect(statusLine(widget)).toMatch(/expired/i);
    await reinit; // the SDK is readied for a new token; the status keeps saying the last one expired
    publish(f).click();
    await expect.poll(() => fake('panel')).not.toBeNull();
    fake('solve')!.click();
    await expect.poll(() => submissions.length).toBe(1);
    const sent = String(submissions[0]!.get('captchala_token'));
    expect(sent).not.toBe(stale);
    expect(await standIn.siteValidate({ appKey: 'test_ttl_3', body: submissions[0]! })).toMatchObject({
      valid: true,
    });
    const record = (await standIn.inspect()).passTokens.find((t) => t.token === sent);
    expect(record).toMatchObject({ validations: 1, consumed: true, expired: false });
  });

  test('the user closes the challenge: nothing is submitted, every value stays, and the widget says so', async () => {
    const { form: f, widget, submissions } = form('app-key="test_pass" product="popup"');
    await ready(widget);
    const email = f.querySelector<HTMLInputElement>('input[name="email"]')!;
    email.value = 'typed@example.test';
    publish(f).click();
    await expect.poll(() => fake('close')).not.toBeNull();
    const closed = next(widget, 'captchala-close');
    fake('close')!.click();
    await closed;
    expect(widget.status).toBe('ready');
    // A submission would have gone out synchronously with the close (the guard re-submits right away).
    expect(submissions).toHaveLength(0);
    expect(email.value).toBe('typed@example.test');
  });

  test('a failed challenge: nothing is submitted, the error is shown, and the next submit tries again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { form: f, widget, submissions } = form('app-key="test_fail" product="popup"');
    await ready(widget);
    publish(f).click();
    await expect.poll(() => fake('solve')).not.toBeNull();
    const failed = next(widget, 'captchala-error');
    fake('solve')!.click();
    const error = (await failed).detail;
    expect(error).toMatchObject({
      code: 'verify_failed',
      message: 'Verification failed',
      refreshable: false,
    });
    expect(statusLine(widget)).toContain('verify_failed');
    expect(submissions).toHaveLength(0);
    publish(f).click();
    await expect.poll(() => fake('panel')).not.toBeNull();
    expect(submissions).toHaveLength(0);
    fake('close')!.click();
  });

  test('SDK buttons inside the form never submit it, in either shape (untyped, or type=submit nested)', async () => {
    const popup = form('app-key="test_pass" product="popup"');
    const embed = form('app-key="test_pass" product="embed"');
    await ready(popup.widget);
    await ready(embed.widget);
    const trigger = fake('trigger', popup.form)!;
    const checkbox = fake('checkbox', embed.form)!;
    expect(trigger.getAttribute('type')).toBe('button');
    expect(checkbox.getAttribute('type')).toBe('button');
    expect(checkbox.parentElement!.matches('[data-captchala-container]')).toBe(false); // nested
    trigger.click();
    checkbox.click();
    await expect.poll(() => fake('panel')).not.toBeNull();
    await status(embed.widget, 'verified');
    expect(popup.submissions).toHaveLength(0);
    expect(embed.submissions).toHaveLength(0);
    fake('close')!.click();
  });

  test('getToken(): the held token first, then one from a new challenge; nobody gets one twice', async () => {
    const { widget } = form('app-key="test_auto_pass~held-first" product="embed"');
    await ready(widget);
    fake('checkbox')!.click();
    await status(widget, 'verified');
    const held = widget.token;
    const [a, b] = await Promise.all([widget.getToken(), widget.getToken()]);
    expect(a).toBe(held);
    expect(b).toMatch(/^pt_/);
    expect(b).not.toBe(a);
    for (const token of [a, b]) {
      expect(
        await standIn.siteValidate({ appKey: 'test_auto_pass~held-first', body: { captchala_token: token } }),
      ).toMatchObject({
        valid: true,
      });
    }
    // Concurrent waiters never make the SDK show a challenge before it is ready (a second challenge fetch).
    expect((await standIn.inspect()).earlyChallenges['test_auto_pass~held-first']).toBeUndefined();
  });
});

describe('one submit guard per form', () => {
  test('desktop and mobile variants (one hidden): one challenge, one submission, one token', async () => {
    const rendered = render(`<form>
        <captchala-widget loader-src="${loaderSrc}" app-key="test_auto_pass~variants" product="bind" class="desktop"></captchala-widget>
        <captchala-widget loader-src="${loaderSrc}" app-key="test_auto_pass~variants" product="bind" hidden class="mobile"></captchala-widget>
        <div style="display: none"><captchala-widget loader-src="${loaderSrc}" app-key="test_auto_pass~variants" product="bind"></captchala-widget></div>
        <button name="go" value="1">Go</button>
      </form>`);
    const submissions = recordSubmissions(rendered.form);
    const widgets = [...rendered.form.querySelectorAll('captchala-widget')];
    for (const widget of widgets) await ready(widget);
    const reinit = next(widgets[0]!, 'captchala-ready');
    rendered.form.querySelector<HTMLButtonElement>('button[name="go"]')!.click();
    await expect.poll(() => submissions.length).toBe(1);
    await reinit; // its re-init after the hand-out: a looping guard would have submitted again by now
    expect(submissions).toHaveLength(1);
    expect(submissions[0]!.getAll('captchala_token')).toHaveLength(1);
    expect(submissions[0]!.get('go')).toBe('1');
    expect(widgets.map((widget) => widget.status)).toEqual(['consumed', 'ready', 'ready']);
    expect((await standIn.inspect()).challengeFetches['test_auto_pass~variants']).toBe(3 + 1); // 3 preloads + 1 re-init
  });

  test("a widget inside a closed <details> takes no part: one submission, with the visible widget's token", async () => {
    const rendered = render(`<form>
        <captchala-widget loader-src="${loaderSrc}" app-key="test_auto_pass~shown" product="bind"></captchala-widget>
        <details><summary>More</summary>
          <captchala-widget loader-src="${loaderSrc}" app-key="test_auto_pass~folded" product="bind"></captchala-widget>
        </details>
        <button name="go">Go</button>
      </form>`);
    const submissions = recordSubmissions(rendered.form);
    const [shown, folded] = [...rendered.form.querySelectorAll('captchala-widget')] as [
      CaptchalaWidget,
      CaptchalaWidget,
    ];
    await ready(shown);
    await ready(folded);
    const reinit = next(shown, 'captchala-ready');
    rendered.form.querySelector<HTMLButtonElement>('button[name="go"]')!.click();
    await expect.poll(() => submissions.length).toBe(1);
    await reinit; // the visible widget's re-init: a guard waiting on the folded one would have run it by now
    expect(submissions).toHaveLength(1);
    const tokens = submissions[0]!.getAll('captchala_token');
    expect(tokens).toHaveLength(1);
    expect(
      await standIn.siteValidate({ appKey: 'test_auto_pass~shown', body: submissions[0]! }),
    ).toMatchObject({ valid: true });
    expect([shown.status, folded.status]).toEqual(['consumed', 'ready']);
    expect((await standIn.inspect()).passTokens.map((token) => token.appKey)).toEqual([
      'test_auto_pass~shown',
    ]);
  });

  test('two visible widgets: each runs its challenge, one after the other, then one submission carries both', async () => {
    const rendered = render(`<form>
        <captchala-widget loader-src="${loaderSrc}" app-key="test_auto_pass" product="bind" name="first"></captchala-widget>
        <captchala-widget loader-src="${loaderSrc}" app-key="test_auto_pass" product="bind" name="second"></captchala-widget>
        <button name="go">Go</button>
      </form>`);
    const submissions = recordSubmissions(rendered.form);
    const widgets = [...rendered.form.querySelectorAll('captchala-widget')];
    for (const widget of widgets) await ready(widget);
    const reinits = widgets.map((widget) => next(widget, 'captchala-ready'));
    rendered.form.querySelector<HTMLButtonElement>('button[name="go"]')!.click();
    await expect.poll(() => submissions.length).toBe(1);
    await Promise.all(widgets.map((widget) => status(widget, 'consumed')));
    const [first, second] = [submissions[0]!.get('first'), submissions[0]!.get('second')];
    expect(first).toMatch(/^pt_/);
    expect(second).toMatch(/^pt_/);
    expect(first).not.toBe(second);
    await Promise.all(reinits);
    expect(submissions).toHaveLength(1);
  });

  test("two visible widgets: a token that went stale during the other widget's challenge is renewed, never sent", async () => {
    // The first widget's token (CaptchaLa keeps it 4 s; fresh for 2 s: margin 2 s) is obtained at once; the second
    // waits for the user, who takes 4.5 s. The first must not go out expired: it runs another (automatic) challenge.
    const rendered = render(`<form>
        <captchala-widget loader-src="${loaderSrc}" app-key="test_ttl_4_auto" product="bind" name="first" token-ttl="4" refresh-margin="2"></captchala-widget>
        <captchala-widget loader-src="${loaderSrc}" app-key="test_pass" product="popup" name="second"></captchala-widget>
        <button name="go">Go</button>
      </form>`);
    const submissions = recordSubmissions(rendered.form);
    const widgets = [...rendered.form.querySelectorAll('captchala-widget')];
    for (const widget of widgets) await ready(widget);
    rendered.form.querySelector<HTMLButtonElement>('button[name="go"]')!.click();
    await expect.poll(() => fake('solve')).not.toBeNull(); // the second widget's challenge, waiting for the user
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    fake('solve')!.click();
    await expect.poll(() => submissions.length, { timeout: 10_000 }).toBe(1);
    const first = await standIn.siteValidate({
      appKey: 'test_ttl_4_auto',
      body: { captchala_token: String(submissions[0]!.get('first')) },
    });
    const second = await standIn.siteValidate({
      appKey: 'test_pass',
      body: { captchala_token: String(submissions[0]!.get('second')) },
    });
    expect([first, second]).toMatchObject([{ valid: true }, { valid: true }]);
    expect(
      (await standIn.inspect()).passTokens.filter((token) => token.appKey === 'test_ttl_4_auto'),
    ).toHaveLength(2);
  }, 20_000);
});
