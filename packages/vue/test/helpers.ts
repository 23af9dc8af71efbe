/// <reference types="@captchala-kit/testing/client" />

import { baseUrl, loaderUrl } from 'virtual:captchala-fake';
import type { CaptchalaWidget } from '@captchala-kit/element';
import { connectStandIn } from '@captchala-kit/testing/stand-in';
import { expect } from 'vitest';

/** The stand-in mounted same-origin into the test page's server (see vite.config.ts). */
export const standIn = connectStandIn({ baseUrl });
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
