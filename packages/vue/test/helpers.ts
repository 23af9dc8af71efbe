/// <reference types="@captchala-kit/testing/client" />

import { baseUrl, loaderUrl } from 'virtual:captchala-fake';
import type { CaptchalaWidget } from '@captchala-kit/element';
import { connectStandIn } from '@captchala-kit/testing/stand-in';
import { expect, vi } from 'vitest';
import { allowLoaderOrigins } from '../src/index';
import { loginApp, token } from './fixtures/loginApp';

/** The stand-in mounted same-origin into the test page's server (see vite.config.ts). */
export const standIn = connectStandIn({ baseUrl });
// The kit loads only CaptchaLa's own scripts unless the page's JavaScript names others, as a site names its own.
allowLoaderOrigins(standIn.scriptUrls());
export const loaderSrc = loaderUrl;

/** The stand-in SDK's UI hooks (`data-captchala-fake`), optionally within one element. */
export function fake(selector: string, within: ParentNode = document): HTMLElement | null {
  return within.querySelector<HTMLElement>(`[data-captchala-fake="${selector}"]`);
}

/** Resolves with the next event of that type (what would have happened, for proving something did not). */
export function next(target: EventTarget, type: string): Promise<Event & { detail?: any }> {
  return new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));
}

export async function status(widget: CaptchalaWidget, expected: string, timeout = 4_000): Promise<void> {
  await expect.poll(() => widget.status, { timeout }).toBe(expected);
}

/** A fresh host in the document for an app or a component. */
export function host(): HTMLElement {
  const element = document.createElement('div');
  document.body.append(element);
  return element;
}

/** Hydrates the login app over `root` (its server markup inside) and checks that Vue warned about nothing. */
export function hydrateLoginApp(root: HTMLElement) {
  const app = loginApp();
  // Mismatches are warned while mounting (creating the app warns once about Vue's bundler feature flags).
  const warn = vi.spyOn(console, 'warn');
  const error = vi.spyOn(console, 'error');
  app.config.warnHandler = (message) => console.warn(message);
  app.mount(root);
  expect(warn).not.toHaveBeenCalled();
  expect(error).not.toHaveBeenCalled();
  return app;
}

/** The hydrated login app's v-model follows its widget, and the SDK fetched one challenge in all. */
export async function expectLoginModelWired(root: HTMLElement): Promise<void> {
  fake('checkbox')!.click();
  await expect.poll(() => token.value).toMatch(/^pt_/);
  await expect.poll(() => root.querySelector('p')!.textContent).toBe('verified');
  expect((await standIn.inspect()).challengeFetches['test_pass']).toBe(1);
}
