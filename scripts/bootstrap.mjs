#!/usr/bin/env node
// One-command set-up for a fresh machine with only Node >= 20 and npm:
//   npm start  → install everything, start the playground on the offline CaptchaLa stand-in
//   npm test   → install everything, run every test (lint, typecheck, unit, browser, e2e)
// Uses the pnpm pinned in package.json (through npx when it is not installed) and makes sure a Chromium exists
// for the browser tests: a system one (CHROMIUM_PATH, /usr/bin/chromium) or Playwright's own.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const [task = 'dev'] = process.argv.slice(2);
const root = new URL('..', import.meta.url);
const { packageManager } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const pnpmVersion = packageManager.replace(/^pnpm@/, '');

function installedPnpmVersion() {
  try {
    return execFileSync('pnpm', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

const pnpm = installedPnpmVersion() === pnpmVersion ? ['pnpm'] : ['npx', '--yes', `pnpm@${pnpmVersion}`];

/** @param {string[]} args */
function run(args) {
  const [command = 'pnpm', ...rest] = [...pnpm, ...args];
  const result = spawnSync(command, rest, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])]);

const systemChromium =
  process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
if (task.startsWith('test') && !systemChromium) {
  console.log("No system Chromium found (set CHROMIUM_PATH to use one); installing Playwright's Chromium.");
  run(['exec', 'playwright', 'install', 'chromium']);
}

run(['run', task]);
