/// <reference types="vite/client" />
// Its own file: this document must not have <captchala-widget> defined before the test (hydration.browser.test.ts
// defines it first).

import type { CaptchalaWidget } from '@captchala-kit/element';
import { expect, test, vi } from 'vitest';
import nodeMarkup from './__snapshots__/loginApp.html?raw';
import { expectLoginModelWired, host, hydrateLoginApp, standIn, status } from './helpers';

test('the markup rendered in Node hydrates with the element still undefined: <Captchala> defines it, no warning, one SDK instance', async () => {
  await standIn.reset();
  expect(customElements.get('captchala-widget')).toBeUndefined();
  const root = host();
  root.innerHTML = nodeMarkup;
  const widget = root.querySelector('captchala-widget') as CaptchalaWidget;
  expect(widget.matches(':defined')).toBe(false);

  const app = hydrateLoginApp(root);

  // Defined while hydrating: the server's element was upgraded in place, not replaced, and runs one SDK instance.
  expect(customElements.get('captchala-widget')).toBeDefined();
  expect(root.querySelector('captchala-widget')).toBe(widget);
  await status(widget, 'ready');
  expect(root.querySelectorAll('[data-captchala-fake="root"]')).toHaveLength(1);
  // v-model is wired.
  await expectLoginModelWired(root);
  app.unmount();
  vi.restoreAllMocks();
});
