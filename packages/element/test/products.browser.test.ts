import '@captchala-kit/element/define';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { events, fake, next, renderForm, standIn, status, statusLine } from './helpers';

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  document.body.replaceChildren();
});

const form = (attrs: string) => renderForm({ attrs });

describe('products, languages, loading', () => {
  test.each(['popup', 'float', 'embed', 'bind'] as const)('%s works end to end', async (product) => {
    const { form: f, widget, submissions } = form(`app-key="test_pass" product="${product}"`);
    await status(widget, 'ready');
    f.querySelector<HTMLButtonElement>('button[name="intent"]')!.click();
    await expect.poll(() => fake('panel')).not.toBeNull();
    fake('solve')!.click();
    await expect.poll(() => submissions.length).toBe(1);
    expect(await standIn.siteValidate({ appKey: 'test_pass', body: submissions[0]! })).toMatchObject({
      valid: true,
    });
  });

  test('theme: a preset, a JSON attribute, or an object property reach the SDK', async () => {
    const { widget } = form(`app-key="test_pass" product="popup" theme='{"custom":{"color":"#ff0000"}}'`);
    await status(widget, 'ready');
    expect(fake('root')!.style.getPropertyValue('--cf-color')).toBe('#ff0000');
    widget.theme = 'dark';
    await expect.poll(() => fake('root')?.dataset['theme']).toBe('dark');
    widget.theme = { custom: { radius: '3px' } };
    await expect.poll(() => fake('root')?.style.getPropertyValue('--cf-radius')).toBe('3px');
  });

  test('loading="interaction" starts nothing until the form is touched', async () => {
    const { form: f, widget } = form('app-key="test_pass" product="popup" loading="interaction"');
    const other = form('app-key="test_pass" product="popup"');
    // Another widget on the page loads and gets ready: this one, untouched, stays idle meanwhile.
    await status(other.widget, 'ready');
    expect(widget.status).toBe('idle');
    expect(fake('root', f)).toBeNull();
    f.querySelector('input')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await status(widget, 'ready');
  });

  test('loading="visible" waits until the widget nears the viewport (or the form is touched)', async () => {
    const { form: f, widget } = form(
      'app-key="test_pass" product="popup" loading="visible" style="margin-top: 4000px"',
    );
    const other = form('app-key="test_pass" product="popup"');
    await status(other.widget, 'ready');
    expect(widget.status).toBe('idle');
    expect(fake('root', f)).toBeNull();
    widget.scrollIntoView();
    await status(widget, 'ready');
  });

  test('the disabled attribute: no value, no guard, aria-disabled, and the SDK controls are inert', async () => {
    const { form: f, widget, submissions } = form('app-key="test_pass" product="embed"');
    await status(widget, 'ready');
    fake('checkbox')!.click();
    await status(widget, 'verified');
    widget.disabled = true;
    await widget.updateComplete;
    f.querySelector<HTMLButtonElement>('button[name="intent"]')!.click();
    expect(submissions).toHaveLength(1);
    expect(submissions[0]!.has('captchala_token')).toBe(false);
    expect(fake('checkbox')!.closest('[inert]')).not.toBeNull();
    fake('checkbox')!.focus();
    expect(document.activeElement).not.toBe(fake('checkbox'));
  });

  // The space the SDK's container gets before the SDK renders: the `base` part, measured itself (the host adds the
  // status line below it, whose height depends on the font).
  test.each([
    ['popup', 52, 'product="popup"'],
    ['float', 52, 'product="float"'],
    ['embed', 74, 'product="embed"'],
    ['bind', 0, 'product="bind"'],
    [
      'embed with --captchala-widget-min-height',
      90,
      'product="embed" style="--captchala-widget-min-height: 90px"',
    ],
  ] as const)('reserved size: %s reserves %i px for the SDK before it renders', async (_, px, attrs) => {
    const { widget } = form(`app-key="test_pass" loading="interaction" ${attrs}`);
    await widget.updateComplete;
    expect(widget.status).toBe('idle');
    const base = widget.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
    expect(base.getBoundingClientRect().height).toBe(px);
  });

  test('status events and reflected status for styling', async () => {
    const { widget } = form('app-key="test_pass" product="embed"');
    const log = events(widget, 'captchala-status', 'captchala-ready');
    await status(widget, 'ready');
    expect(log.filter((e) => e.type === 'captchala-status').map((e) => e.detail.status)).toEqual([
      'loading',
      'ready',
    ]);
    expect(log.filter((e) => e.type === 'captchala-ready')).toHaveLength(1);
    expect(widget.dataset['status']).toBe('ready');
  });

  test('a lang change switches the SDK and the status line live, without a new instance', async () => {
    const { widget } = form('app-key="test_pass~lang" product="popup" lang="ja"');
    await status(widget, 'ready');
    expect(fake('trigger')!.textContent).toBe('クリックして認証');
    await expect.poll(() => statusLine(widget)).toBe('認証の準備ができました'); // loaded on demand
    widget.lang = 'ko';
    await expect.poll(() => fake('trigger')!.textContent).toBe('클릭하여 인증');
    await expect.poll(() => statusLine(widget)).toBe('인증 준비 완료');
    expect((await standIn.inspect()).challengeFetches['test_pass~lang']).toBe(1);
  });

  test('an SDK without setLang (an older build): a lang change re-inits in the new language', async () => {
    const { widget } = form('app-key="test_legacy_sdk~lang" product="popup" lang="ja"');
    await status(widget, 'ready');
    expect(fake('trigger')!.textContent).toBe('クリックして認証');
    const reinit = next(widget, 'captchala-ready');
    widget.lang = 'vi';
    await reinit;
    expect(fake('trigger')!.textContent).toBe('Nhấn để xác minh');
    expect((await standIn.inspect()).challengeFetches['test_legacy_sdk~lang']).toBe(2);
  });
});
