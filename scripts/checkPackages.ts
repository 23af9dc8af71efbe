// Packs every publishable package (as `pnpm publish` would: publishConfig applied, workspace: ranges resolved)
// and checks the tarballs, not the workspace: publint (package.json, exports, files) and
// @arethetypeswrong/cli (types resolve in Node's ESM resolution and in bundlers). Fails on any problem.
// Usage: `pnpm check:packages` after `pnpm build`. `--keep <dir>` leaves the tarballs there (packtest uses them).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const keep = process.argv.indexOf('--keep');
const out = keep >= 0 ? (process.argv[keep + 1] as string) : mkdtempSync(join(tmpdir(), 'captchala-pack-'));
mkdirSync(out, { recursive: true });

/** Publishable workspace packages: `packages/*` that are not private. */
export function publishablePackages(): Array<{ dir: string; name: string }> {
  return readdirSync(join(root, 'packages'))
    .map((dir) => join(root, 'packages', dir))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => !pkg.private)
    .map(({ dir, pkg }) => ({ dir, name: pkg.name as string }));
}

const failures: string[] = [];
for (const { dir, name } of publishablePackages()) {
  const before = new Set(readdirSync(out));
  execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: dir, stdio: 'pipe' });
  const tarball = readdirSync(out).find((file) => !before.has(file) && file.endsWith('.tgz'));
  if (!tarball) throw new Error(`${name}: pnpm pack made no tarball`);
  const file = join(out, tarball);
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
