/// <reference types="vite/client" />

import { loaderUrl } from 'virtual:captchala-fake';
import { type CaptchalaWidget, defineCaptchalaWidget } from '@captchala-kit/element';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import nodeMarkup from './__snapshots__/loginApp.html?raw';
import { expectLoginModelWired, host, hydrateLoginApp, standIn, status } from './helpers';

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

  const app = hydrateLoginApp(root);

  // The same element and SDK instance, now driven by Vue: v-model wired.
  expect(root.querySelector('captchala-widget')).toBe(widget);
  await expectLoginModelWired(root);
  app.unmount();
});
