/// <reference types="vite/client" />
// Tests run in order: the first one needs <captchala-widget> still undefined in this document.

import { defineCaptchalaWidget } from '@captchala-kit/element';
import { act, screen } from '@testing-library/react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import react18Markup from './__snapshots__/SignupPage.react18.html?raw';
import react19Markup from './__snapshots__/SignupPage.react19.html?raw';
import { SignupPage, STAND_IN_LOADER } from './fixtures/SignupPage';
import { fake, loaderSrc, reactMajor, standIn } from './helpers';

let root: Root | undefined;
beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

/** What the server sent: the markup ssr.test.tsx rendered in Node with this run's React major. */
const serverMarkup = () => (reactMajor >= 19 ? react19Markup : react18Markup);

/** Hydrates `container` and resolves once React committed; hydration errors and warnings are collected. */
async function hydrate(container: HTMLElement) {
  const recoverable = vi.fn();
  const consoleError = vi.spyOn(console, 'error');
  await act(async () => {
    root = hydrateRoot(container, <SignupPage />, { onRecoverableError: recoverable });
  });
  return { recoverable, consoleError };
}

function serve(): { container: HTMLElement; widget: HTMLElement } {
  expect(loaderSrc).toBe(STAND_IN_LOADER);
  const container = document.createElement('div');
  container.innerHTML = serverMarkup();
  document.body.append(container);
  return { container, widget: container.querySelector('captchala-widget')! };
}

test('hydrating a page whose bundle registers the element during hydration: no warning, nothing re-created', async () => {
  expect(customElements.get('captchala-widget')).toBeUndefined();
  const { container, widget } = serve();
  const { recoverable, consoleError } = await hydrate(container);
  expect(customElements.get('captchala-widget')).toBeDefined();
  await expect.poll(() => screen.getByTestId('status').textContent).toBe('ready');
  expect(container.querySelector('captchala-widget')).toBe(widget);
  expect(consoleError).not.toHaveBeenCalled();
  expect(recoverable).not.toHaveBeenCalled();
});

test('hydrating with the element defined and upgraded first (Next.js): its light DOM and attributes are no mismatch', async () => {
  defineCaptchalaWidget();
  const { container, widget } = serve();
  // Upgraded on insertion: the element appended its SDK container, reflected attributes and got the SDK ready.
  await expect.poll(() => widget.getAttribute('data-status')).toBe('ready');
  const sdkRoot = fake('root', widget)!;
  expect(widget.querySelector('[data-captchala-container]')).not.toBeNull();
  expect(widget.getAttribute('name')).toBe('captchala_token');
  const { recoverable, consoleError } = await hydrate(container);
  await expect.poll(() => screen.getByTestId('status').textContent).toBe('ready');
  expect(consoleError).not.toHaveBeenCalled();
  expect(recoverable).not.toHaveBeenCalled();
  // The same element, the same SDK instance: hydration re-created nothing.
  expect(container.querySelector('captchala-widget')).toBe(widget);
  expect(fake('root', widget)).toBe(sdkRoot);
  expect((await standIn.inspect()).challengeFetches['test_pass']).toBe(1);
  // And it works: solve, and the hook follows.
  fake('checkbox', widget)!.click();
  await expect.poll(() => screen.getByTestId('status').textContent).toBe('verified');
  expect(new FormData(container.querySelector('form')!).get('captchala_token')).toMatch(/^pt_/);
});
