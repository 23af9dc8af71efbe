import { existsSync } from 'node:fs';

/** Flags that keep a system Chromium quiet and working as root in a sandbox-less container. */
const SYSTEM_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export interface ChromiumLaunchOptions {
  /** Absent when Playwright's own Chromium should be used. */
  executablePath?: string;
  args: string[];
}

export interface ChromiumLaunchOptionsOptions {
  /** Environment to read `CHROMIUM_PATH` from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Where to look for a system Chromium (default: Debian's and Ubuntu's paths). */
  candidates?: readonly string[];
}

/**
 * Launch options for Playwright: a system Chromium when `CHROMIUM_PATH` names one or one is installed at a
 * well-known path, Playwright's own browser otherwise (then run `playwright install chromium` once).
 */
export function chromiumLaunchOptions(options: ChromiumLaunchOptionsOptions = {}): ChromiumLaunchOptions {
  const { env = process.env, candidates = SYSTEM_CHROMIUM_PATHS } = options;
  const explicit = env['CHROMIUM_PATH'];
  if (explicit) {
    if (!existsSync(explicit))
      throw new Error(`CHROMIUM_PATH=${explicit} does not exist; unset it or fix the path.`);
    return { executablePath: explicit, args: SYSTEM_CHROMIUM_ARGS };
  }
  const found = candidates.find((path) => existsSync(path));
  return found ? { executablePath: found, args: SYSTEM_CHROMIUM_ARGS } : { args: [] };
}
