// Its own file, so the document has never loaded CaptchaLa, nor defined <captchala-widget>, before this test.
import type { CaptchalaWidget } from '@captchala-kit/element';
import { expect, test } from 'vitest';
import { createApp, h } from 'vue';
import { Captchala } from '../src/index';
import { fake, host, loaderSrc, standIn, status } from './helpers';

function mountApp() {
  const root = host();
  const app = createApp({ render: () => h(Captchala, { appKey: 'test_pass', product: 'popup', loaderSrc }) });
  app.mount(root);
  return { app, root, widget: root.querySelector('captchala-widget') as CaptchalaWidget };
}

test('<Captchala> registers the element; mount → unmount → mount: one loader, the SDK destroyed, nothing left', async () => {
  await standIn.reset();
  expect(customElements.get('captchala-widget')).toBeUndefined();
  const first = mountApp();
  expect(customElements.get('captchala-widget')).toBeDefined();
  expect(first.widget.snapshot).toBeDefined(); // an upgraded element from the start
  await status(first.widget, 'ready');
  const sdkRoot = fake('root', first.widget)!;
  const pending = first.widget.getToken();
  await expect.poll(() => fake('panel')).not.toBeNull();

  first.app.unmount();
  await expect(pending).rejects.toMatchObject({ code: 'destroyed' });
  // Destroyed, not just detached: the SDK took its UI out of the (detached) container, and its panel is gone.
  expect(sdkRoot.parentNode).toBeNull();
  expect(document.querySelectorAll('[data-captchala-fake], captchala-widget')).toHaveLength(0);
  expect(first.root.childNodes).toHaveLength(0);

  const second = mountApp();
  await status(second.widget, 'ready');
  const state = await standIn.inspect();
  expect(state.fileRequests['/captchala-loader.js']).toBe(1);
  expect(state.fileRequests['/captchala.js']).toBe(1);
  expect(document.querySelectorAll('script[src*="captchala-loader.js"]')).toHaveLength(1);
  second.app.unmount();
});
