import { type CaptchalaWidget, defineCaptchalaWidget } from '@captchala-kit/element';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createApp, defineComponent, effectScope, h, nextTick, ref } from 'vue';
import { Captchala, type UseCaptchalaResult, useCaptchala } from '../src/index';
import { fake, host, loaderSrc, standIn, status } from './helpers';

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

/** An app binding useCaptchala()'s ref to a <Captchala> shown while `shown`; returns what the composable returned. */
function mountWith(props: Record<string, unknown>) {
  let captcha!: UseCaptchalaResult;
  const shown = ref(true);
  const app = createApp(
    defineComponent(() => {
      captcha = useCaptchala();
      return () => (shown.value ? h(Captchala, { ref: captcha.ref, loaderSrc, ...props }) : null);
    }),
  );
  const root = host();
  app.mount(root);
  return { app, captcha, shown, widget: root.querySelector('captchala-widget') as CaptchalaWidget };
}

describe('useCaptchala()', () => {
  test('token, status and error follow the widget; getToken() hands out the token and the state says so', async () => {
    const { captcha, widget, shown } = mountWith({ appKey: 'test_pass', product: 'embed' });
    expect(captcha.element.value).toBe(widget);
    await expect.poll(() => captcha.status.value).toBe('ready');
    fake('checkbox')!.click();
    await expect.poll(() => captcha.status.value).toBe('verified');
    expect(captcha.token.value).toBe(widget.token);
    await expect(captcha.getToken()).resolves.toMatch(/^pt_/);
    expect([captcha.status.value, captcha.token.value, captcha.error.value]).toEqual(['consumed', '', null]);
    shown.value = false;
    await nextTick();
    expect([captcha.element.value, captcha.status.value, widget.isConnected]).toEqual([null, 'idle', false]);
  });

  test('error is the CaptchalaError; the refs are read-only', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { captcha } = mountWith({ appKey: 'not_a_test_key' });
    await expect.poll(() => captcha.error.value?.code).toBe('invalid_app_key');
    expect(captcha.status.value).toBe('error');
    (captcha.status as { value: string }).value = 'verified';
    expect(captcha.status.value).toBe('error');
  });

  test('getToken() before the widget mounts rejects at once with not_mounted; reset() does nothing', async () => {
    const scope = effectScope();
    const captcha = scope.run(() => useCaptchala())!;
    await expect(captcha.getToken()).rejects.toMatchObject({
      code: 'not_mounted',
      message: expect.stringMatching(
        /^getToken\(\) was called with no widget in the document: bind `ref` from useCaptchala\(\)/,
      ),
    });
    await expect(captcha.reset()).resolves.toBeUndefined();
    scope.stop();
  });

  test('a bare <captchala-widget> works as the ref too', async () => {
    defineCaptchalaWidget();
    const scope = effectScope();
    const captcha = scope.run(() => useCaptchala())!;
    const widget = Object.assign(document.createElement('captchala-widget'), {
      appKey: 'test_auto_pass',
      loaderSrc,
    });
    host().append(widget);
    captcha.ref(widget);
    await expect.poll(() => captcha.status.value).toBe('ready');
    await expect(captcha.getToken()).resolves.toMatch(/^pt_/);
    scope.stop();
  });

  test('the listener leaves a widget the ref no longer points at, and goes when its scope is disposed', async () => {
    defineCaptchalaWidget();
    const [first, second] = [0, 1].map(() => {
      const widget = Object.assign(document.createElement('captchala-widget'), {
        appKey: 'test_auto_pass',
        loaderSrc,
      });
      host().append(widget);
      return widget;
    }) as [CaptchalaWidget, CaptchalaWidget];
    await status(first, 'ready');
    await status(second, 'ready');
    const scope = effectScope();
    const captcha = scope.run(() => useCaptchala())!;
    captcha.ref(first);
    captcha.ref(second);
    await first.getToken();
    expect(first.status).toBe('consumed');
    expect(captcha.status.value).toBe('ready');
    scope.stop();
    await second.getToken();
    expect(second.status).toBe('consumed');
    expect(captcha.status.value).toBe('ready');
  });
});
