import { expect, vi } from 'vitest';
import { fake, standIn } from '../../../test/browser';
import { allowLoaderOrigins } from '../src/index';
import { loginApp, token } from './fixtures/loginApp';

export { fake, loaderSrc, next, standIn, status } from '../../../test/browser';

// The kit loads only CaptchaLa's own scripts unless the page's JavaScript names others, as a site names its own.
allowLoaderOrigins(standIn.scriptUrls());

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
