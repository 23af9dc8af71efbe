/// <reference types="@captchala-kit/testing/client" />
// Browser-test helpers shared by the element's, React's and Vue's tests (each package's test/helpers re-exports
// them, next to its own): the stand-in, its loader URL and SDK UI hooks, and waits on events and status.

import { baseUrl, loaderUrl } from 'virtual:captchala-fake';
import { connectStandIn } from '@captchala-kit/testing/stand-in';
import { expect } from 'vitest';

/**
 * The stand-in mounted same-origin into the test page's server (see vite.config.ts). Each package's helpers allow
 * its script origins through its own `allowLoaderOrigins`, as a site names its own.
 */
export const standIn = connectStandIn({ baseUrl });
/** The stand-in's loader script URL, for a widget's `loader-src`. */
export const loaderSrc = loaderUrl;
export { baseUrl };

/** The stand-in SDK's UI hooks (`data-captchala-fake`), optionally within one element. */
export function fake(selector: string, within: ParentNode = document): HTMLElement | null {
  return within.querySelector<HTMLElement>(`[data-captchala-fake="${selector}"]`);
}

/** Every live SDK instance on the page (the stand-in's root node; `destroy()` removes it). */
export const sdkRoots = () => document.querySelectorAll('[data-captchala-fake="root"]');

/** Resolves with the next event of that type (what would have happened, for proving something did not). */
export function next<T extends Event = Event & { detail?: any }>(
  target: EventTarget,
  type: string,
): Promise<T> {
  return new Promise((resolve) =>
    target.addEventListener(type, (event) => resolve(event as T), { once: true }),
  );
}

/** Waits until the widget's `status` is `expected`. */
export async function status(
  widget: { readonly status: string },
  expected: string,
  timeout = 4_000,
): Promise<void> {
  await expect.poll(() => widget.status, { timeout }).toBe(expected);
}
