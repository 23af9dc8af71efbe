import { existsSync } from 'node:fs';

/** Flags that keep a system Chromium quiet: no background traffic, no update or sync, no first-run UI. */
const SYSTEM_CHROMIUM_ARGS = [
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
  /**
   * Playwright's sandbox switch (it adds `--no-sandbox` itself unless this is true): on, except as root or when
   * asked (`noSandbox`, `CHROMIUM_NO_SANDBOX=1`).
   */
  chromiumSandbox: boolean;
}

export interface ChromiumLaunchOptionsOptions {
  /** Environment to read `CHROMIUM_PATH` and `CHROMIUM_NO_SANDBOX` from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Where to look for a system Chromium (default: Debian's and Ubuntu's paths). */
  candidates?: readonly string[];
  /**
   * Launch without Chromium's sandbox even when not root, e.g. in a container without user namespaces (default:
   * `CHROMIUM_NO_SANDBOX` is `1` or `true`). As root it is always off: Chromium refuses to sandbox as root.
   */
  noSandbox?: boolean;
  /** The user id the browser runs as (default `process.getuid()`; none on Windows, which is never root here). */
  uid?: number;
}

const isSet = (value: string | undefined) => value === '1' || value?.toLowerCase() === 'true';

/**
 * Launch options for Playwright: a system Chromium when `CHROMIUM_PATH` names one or one is installed at a
 * well-known path, Playwright's own browser otherwise (then run `playwright install chromium` once). The sandbox
 * stays on unless running as root or asked to go without it.
 */
export function chromiumLaunchOptions(options: ChromiumLaunchOptionsOptions = {}): ChromiumLaunchOptions {
  const {
    env = process.env,
    candidates = SYSTEM_CHROMIUM_PATHS,
    noSandbox = isSet(env['CHROMIUM_NO_SANDBOX']),
    uid = process.getuid?.(),
  } = options;
  const withoutSandbox = uid === 0 || noSandbox;
  const sandbox = { chromiumSandbox: !withoutSandbox, args: withoutSandbox ? ['--no-sandbox'] : [] };
  const system = (executablePath: string) => ({
    executablePath,
    chromiumSandbox: sandbox.chromiumSandbox,
    args: [...sandbox.args, ...SYSTEM_CHROMIUM_ARGS],
  });
  const explicit = env['CHROMIUM_PATH'];
  if (explicit) {
    if (!existsSync(explicit))
      throw new Error(`CHROMIUM_PATH=${explicit} does not exist; unset it or fix the path.`);
    return system(explicit);
  }
  const found = candidates.find((path) => existsSync(path));
  return found ? system(found) : sandbox;
}
