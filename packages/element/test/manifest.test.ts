import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: the analyzer ships no types for its programmatic entry.
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { expect, test } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** What `pnpm --filter @captchala-kit/element analyze` writes, made now and not written anywhere. */
async function analyze(): Promise<any> {
  return cli({ argv: ['analyze', '--quiet'], cwd: packageDir, noWrite: true });
}

test('the committed custom-elements.json is what `pnpm --filter @captchala-kit/element analyze` makes now', async () => {
  const fresh = JSON.parse(JSON.stringify(await analyze()));
  const committed = JSON.parse(readFileSync(join(packageDir, 'custom-elements.json'), 'utf8'));
  expect(committed).toEqual(fresh);
  const widget = fresh.modules
    .flatMap((module: { declarations?: unknown[] }) => module.declarations ?? [])
    .find((declaration: { tagName?: string }) => declaration.tagName === 'captchala-widget');
  expect(widget.attributes.map((a: { name: string }) => a.name).sort()).toEqual(
    [
      'action',
      'app-key',
      'disabled',
      'lang',
      'loader-src',
      'loading',
      'name',
      'nonce',
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
      'captchala-change',
      'captchala-close',
      'captchala-error',
      'captchala-expired',
      'captchala-ready',
      'captchala-status',
      'captchala-success',
    ].sort(),
  );
  expect(widget.cssParts.map((p: { name: string }) => p.name)).toEqual(['base', 'status']);
  // Nothing private leaks: no `#` members, no internal helpers.
  expect(widget.members.filter((m: { name?: string }) => !m.name || m.name.startsWith('#'))).toEqual([]);
  expect(fresh.modules.map((m: { path: string }) => m.path)).not.toContain('src/SubmitGuard.ts');
}, 60_000);
