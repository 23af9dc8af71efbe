import { afterEach, expect, test, vi } from 'vitest';
import { browserControllerPlatform } from '../src/browserControllerPlatform';

afterEach(() => {
  vi.unstubAllGlobals();
  document.head.querySelector('base[data-attack]')?.remove();
});

test("an injected <base href> cannot send the server-token request elsewhere: relative URLs are the document's own", async () => {
  // The attack: markup injected into the page adds a <base>, so a relative `server-token-url` would resolve to the
  // attacker's origin, and the kit would POST there and use whatever `sct_` came back.
  const base = document.createElement('base');
  base.href = 'https://attacker.invalid/collect/';
  base.dataset['attack'] = '';
  document.head.prepend(base);
  expect(document.baseURI).toBe('https://attacker.invalid/collect/');

  const requested: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    requested.push(new Request(input, init).url); // resolved as the browser resolves it
    return new Response('{}');
  });
  await browserControllerPlatform().fetch('/api/server-token', { method: 'POST', body: '{}' });
  await browserControllerPlatform().fetch('api/server-token', { method: 'POST', body: '{}' });
  expect(requested).toEqual([
    new URL('/api/server-token', location.href).href,
    new URL('api/server-token', location.href).href,
  ]);
  expect(requested.every((url) => new URL(url).origin === location.origin)).toBe(true);
});

test('absolute URLs and Request objects pass through unchanged', async () => {
  const requested: unknown[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    requested.push(input);
    return new Response('{}');
  });
  const request = new Request(`${location.origin}/x`);
  await browserControllerPlatform().fetch('https://tokens.example.test/sct');
  await browserControllerPlatform().fetch(request);
  expect(requested).toEqual(['https://tokens.example.test/sct', request]);
});
