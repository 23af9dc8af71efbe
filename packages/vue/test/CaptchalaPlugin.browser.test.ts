import type { CaptchalaWidget } from '@captchala-kit/element';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createApp, h, reactive, resolveComponent } from 'vue';
import { CaptchalaPlugin } from '../src/index';
import { fake, host, loaderSrc, standIn, status } from './helpers';

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  document.body.replaceChildren();
});

test('app-wide defaults for every <Captchala>, a prop wins, and a reactive default reaches them all', async () => {
  const defaults = reactive({ appKey: 'test_pass', product: 'popup' as const, lang: 'ja', loaderSrc });
  const root = host();
  const app = createApp({
    // Registered by the plugin: resolved by name, as a template would.
    render: () => {
      const Captchala = resolveComponent('Captchala');
      return [h(Captchala), h(Captchala, { lang: 'ko' })];
    },
  });
  app.use(CaptchalaPlugin, defaults).mount(root);
  const [first, second] = [...root.querySelectorAll<CaptchalaWidget>('captchala-widget')] as [
    CaptchalaWidget,
    CaptchalaWidget,
  ];
  await status(first, 'ready');
  await status(second, 'ready');
  expect([first.appKey, first.product, first.lang, second.lang]).toEqual(['test_pass', 'popup', 'ja', 'ko']);
  expect(fake('trigger', first)!.textContent).toBe('クリックして認証');
  defaults.lang = 'vi';
  await expect.poll(() => fake('trigger', first)!.textContent).toBe('Nhấn để xác minh');
  expect(fake('trigger', second)!.textContent).toBe('클릭하여 인증');
  app.unmount();
});
