/// <reference types="vite/client" />
// Its own file: this document must not have <captchala-widget> defined before the test (hydration.browser.test.ts
// defines it first).

import type { CaptchalaWidget } from '@captchala-kit/element';
import { expect, test, vi } from 'vitest';
import nodeMarkup from './__snapshots__/loginApp.html?raw';
import { loginApp, token } from './fixtures/loginApp';
import { fake, host, standIn, status } from './helpers';

test('the markup rendered in Node hydrates with the element still undefined: <Captchala> defines it, no warning, one SDK instance', async () => {
  await standIn.reset();
  expect(customElements.get('captchala-widget')).toBeUndefined();
  const root = host();
  root.innerHTML = nodeMarkup;
  const widget = root.querySelector('captchala-widget') as CaptchalaWidget;
  expect(widget.matches(':defined')).toBe(false);

  const app = loginApp();
  // Mismatches are warned while mounting (creating the app warns once about Vue's bundler feature flags).
  const warn = vi.spyOn(console, 'warn');
  const error = vi.spyOn(console, 'error');
  app.config.warnHandler = (message) => console.warn(message);
  app.mount(root);
  expect(warn).not.toHaveBeenCalled();
  expect(error).not.toHaveBeenCalled();

  // Defined while hydrating: the server's element was upgraded in place, not replaced, and runs one SDK instance.
  expect(customElements.get('captchala-widget')).toBeDefined();
  expect(root.querySelector('captchala-widget')).toBe(widget);
  await status(widget, 'ready');
  expect(root.querySelectorAll('[data-captchala-fake="root"]')).toHaveLength(1);
  // v-model is wired.
  fake('checkbox')!.click();
  await expect.poll(() => token.value).toMatch(/^pt_/);
  await expect.poll(() => root.querySelector('p')!.textContent).toBe('verified');
  expect((await standIn.inspect()).challengeFetches['test_pass']).toBe(1);
  app.unmount();
  vi.restoreAllMocks();
});
