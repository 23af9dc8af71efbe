import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8'));
const widget = manifest.modules
  .flatMap((module: { declarations?: unknown[] }) => module.declarations ?? [])
  .find((declaration: { tagName?: string }) => declaration.tagName === 'captchala-widget');

test('custom-elements.json (run `pnpm --filter @captchala-kit/element analyze`) documents the public API', () => {
  expect(widget.attributes.map((a: { name: string }) => a.name).sort()).toEqual(
    [
      'action',
      'app-key',
      'disabled',
      'lang',
      'loader-src',
      'loading',
      'name',
      'product',
      'refresh-margin',
      'server-token',
      'server-token-url',
      'theme',
      'token-ttl',
    ].sort(),
  );
  expect(widget.events.map((e: { name: string }) => e.name).sort()).toEqual(
    [
      'captchala-close',
      'captchala-error',
      'captchala-expired',
      'captchala-ready',
      'captchala-status',
      'captchala-success',
    ].sort(),
  );
  expect(widget.cssParts.map((p: { name: string }) => p.name)).toEqual(['base', 'status']);
});
