import { execFileSync } from 'node:child_process';

const root = new URL('../../..', import.meta.url).pathname;

/** Builds every package's `dist/` as it is published (the root's `pnpm build`): the benchmarks measure those. */
export function buildPackages(): void {
  execFileSync('pnpm', ['build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
