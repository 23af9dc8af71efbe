/// <reference types="vite/client" />

import { loaderUrl } from 'virtual:captchala-fake';
import { type CaptchalaWidget, defineCaptchalaWidget } from '@captchala-kit/element';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import nodeMarkup from './__snapshots__/loginApp.html?raw';
import { loginApp, token } from './fixtures/loginApp';
import { fake, host, standIn, status } from './helpers';

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

test('the markup rendered in Node hydrates with no warning over an element already defined and running', async () => {
  expect(nodeMarkup).toContain(`loader-src="${loaderUrl}"`);
  const root = host();
  defineCaptchalaWidget();
  root.innerHTML = nodeMarkup;
  const widget = root.querySelector('captchala-widget') as CaptchalaWidget;
  // Before hydration the element has added its light DOM and reflected what it reflects.
  await status(widget, 'ready');
  expect(widget.querySelector('[data-captchala-container]')).not.toBeNull();
  expect([widget.dataset['status'], widget.getAttribute('loading')]).toEqual(['ready', 'eager']);

  const app = loginApp();
  // Mismatches are warned while mounting (creating the app warns once about Vue's bundler feature flags).
  const warn = vi.spyOn(console, 'warn');
  const error = vi.spyOn(console, 'error');
  app.config.warnHandler = (message) => console.warn(message);
  app.mount(root);
  expect(warn).not.toHaveBeenCalled();
  expect(error).not.toHaveBeenCalled();

  // The same element and SDK instance, now driven by Vue: v-model wired.
  expect(root.querySelector('captchala-widget')).toBe(widget);
  fake('checkbox')!.click();
  await expect.poll(() => token.value).toMatch(/^pt_/);
  await expect.poll(() => root.querySelector('p')!.textContent).toBe('verified');
  expect((await standIn.inspect()).challengeFetches['test_pass']).toBe(1);
  app.unmount();
});
