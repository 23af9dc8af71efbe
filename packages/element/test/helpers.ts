import { inject } from 'vitest';
import type { CaptchalaWidget } from '../src/index';

export const base = inject('captchalaUrl');
export const loaderSrc = `${base}/captchala-loader.js`;

export async function until(check: () => boolean, what: string, timeoutMs = 4_000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function control(path: 'inspect' | 'reset'): Promise<any> {
  const response = await fetch(
    `${base}/__control/${path}`,
    path === 'reset' ? { method: 'POST', body: '{}' } : undefined,
  );
  return response.json();
}

/** The stand-in's demo site backend: validates the posted token (single use) and echoes the other fields. */
export async function siteValidate(
  appKey: string,
  body: FormData,
): Promise<{ valid: boolean; reason: string | null; fields: Record<string, string> }> {
  const response = await fetch(`${base}/__site/validate?app_key=${appKey}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(Object.fromEntries(body)),
  });
  return response.json();
}

/** Renders `html` into a fresh host and returns the first form and widget in it. */
export function render(html: string): { form: HTMLFormElement; widget: CaptchalaWidget; host: HTMLElement } {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  return {
    host,
    form: host.querySelector('form')!,
    widget: host.querySelector('captchala-widget')!,
  };
}

export function fake(selector: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-captchala-fake="${selector}"]`);
}

export function events(target: EventTarget, ...types: string[]): Array<Event & { detail?: any }> {
  const log: Array<Event & { detail?: any }> = [];
  for (const type of types) target.addEventListener(type, (event) => log.push(event));
  return log;
}
