// Runs a command under Node 24, the long-term-support line users run today (this repo also supports Node 20):
// installs the registry package `node-<platform>-<arch>@24` once into node_modules/.cache/node24 and puts its
// `bin` first on PATH, so the command and everything it starts (pnpm, Vitest, Vite) run on it.
// Usage: node scripts/withNode24.ts <command> [args…]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error('usage: node scripts/withNode24.ts <command> [args…]');

const platform = process.platform === 'win32' ? 'win' : process.platform;
const binary = `node-${platform}-${process.arch}`;
const prefix = join(root, 'node_modules/.cache/node24');
const bin = join(prefix, 'node_modules', binary, 'bin');
if (!existsSync(join(bin, process.platform === 'win32' ? 'node.exe' : 'node'))) {
  console.log(`Installing ${binary}@24 (once) into ${prefix}…`);
  execFileSync(
    'npm',
    ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `${binary}@24`],
    {
      stdio: 'inherit',
    },
  );
}
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}` };
const version = execFileSync('node', ['--version'], { env, encoding: 'utf8' }).trim();
console.log(`Running "${[command, ...args].join(' ')}" on Node ${version}`);
const result = spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
