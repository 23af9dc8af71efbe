// Packs every publishable package (scripts/packPackages.ts) and checks the tarballs, not the workspace: publint (package.json, exports, files) and
// @arethetypeswrong/cli (types resolve in Node's ESM resolution and in bundlers). Fails on any problem.
// Usage: `pnpm check:packages` after `pnpm build`. `--keep <dir>` leaves the tarballs there (packtest uses them).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackages } from './packPackages';

const root = new URL('..', import.meta.url).pathname;
const keep = process.argv.indexOf('--keep');
const out = keep >= 0 ? (process.argv[keep + 1] as string) : mkdtempSync(join(tmpdir(), 'captchala-pack-'));

const failures: string[] = [];
for (const [name, file] of packPackages(out)) {
  for (const [tool, args] of [
    ['publint', ['exec', 'publint', file, '--strict']],
    [
      'attw',
      [
        'exec',
        'attw',
        file,
        '--profile',
        'esm-only',
        '--format',
        'table-flipped',
        // testing's `./client` (types for `virtual:captchala-fake`) refers to the package by name, which attw's
        // node10 pass cannot resolve; attw counts that even where the esm-only profile ignores node10.
        ...(name === '@captchala-kit/testing' ? ['--exclude-entrypoints', './client'] : []),
      ],
    ],
  ] as const) {
    const result = spawnSync('pnpm', args, { cwd: root, encoding: 'utf8' });
    const report = `${result.stdout}${result.stderr}`.trim();
    console.log(`\n── ${name}: ${tool} ──\n${report}`);
    if (result.status !== 0) failures.push(`${name}: ${tool}`);
  }
}

if (keep < 0) rmSync(out, { recursive: true, force: true });
if (failures.length > 0) {
  console.error(`\nPackage checks failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log(`\nEvery package passes publint and attw${keep >= 0 ? ` (tarballs in ${out})` : ''}.`);
