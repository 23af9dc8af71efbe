// Packs every publishable package (`packages/*` that are not private) as `pnpm publish` would: publishConfig
// applied, `workspace:` ranges resolved. Shared by the tarball checks and the tarball apps (packtest).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Packs into `out`; returns package name → tarball path. */
export function packPackages(out: string): Map<string, string> {
  mkdirSync(out, { recursive: true });
  const tarballs = new Map<string, string>();
  for (const entry of readdirSync(join(root, 'packages'))) {
    const dir = join(root, 'packages', entry);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    const before = new Set(readdirSync(out));
    execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: dir, stdio: 'pipe' });
    const tarball = readdirSync(out).find((file) => !before.has(file) && file.endsWith('.tgz'));
    if (!tarball) throw new Error(`${pkg.name}: pnpm pack made no tarball`);
    tarballs.set(pkg.name, join(out, tarball));
  }
  return tarballs;
}
