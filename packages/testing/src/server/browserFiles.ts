import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { CORS, HttpError } from './HttpError';
import { slowSdkDelayMs } from './slowSdkDelayMs';

/** The CDN's files (contract §1): the loader, the SDK it loads, their styles. */
const BROWSER_FILES = {
  '/captchala-loader.js': { file: 'captchala-loader.js', type: 'text/javascript; charset=utf-8' },
  '/captchala.js': { file: 'captchala.js', type: 'text/javascript; charset=utf-8' },
  '/captchala.css': { file: 'captchala.css', type: 'text/css; charset=utf-8' },
} as const;
type BrowserPath = keyof typeof BROWSER_FILES;

/** The package's `browser/` folder, found upwards from this module (in `src/server/` or in a built chunk). */
const browserDir = (() => {
  let dir = new URL('./', import.meta.url);
  for (let depth = 0; depth < 5; depth++) {
    const candidate = new URL('browser/', dir);
    if (existsSync(new URL('captchala-loader.js', candidate))) return candidate;
    dir = new URL('../', dir);
  }
  throw new Error('@captchala-kit/testing: its browser/ folder is missing next to the package.');
})();

export const isBrowserFile = (path: string): path is BrowserPath => path in BROWSER_FILES;

export interface ServeBrowserFileOptions {
  /** Honour the `?scenario=` test switches (`sdk_404`, `slow_sdk`, `no_global`); served only where the test endpoints are. */
  scenarios: boolean;
  /** The longest `?scenario=slow_sdk&delay=…` honoured, in ms. */
  maxSlowSdkDelayMs: number;
}

/** Serves one CDN file, CORS-enabled and never cached, or what a `?scenario=` makes of the SDK. */
export async function serveBrowserFile(
  res: ServerResponse,
  path: BrowserPath,
  url: URL,
  options: ServeBrowserFileOptions,
): Promise<void> {
  const { file, type } = BROWSER_FILES[path];
  const scenario = options.scenarios ? url.searchParams.get('scenario') : null;
  if (path === '/captchala.js' && scenario === 'sdk_404') {
    throw new HttpError(404, { error: 'not_found' });
  }
  if (path === '/captchala.js' && scenario === 'slow_sdk') {
    const delay = slowSdkDelayMs({ delay: url.searchParams.get('delay'), maxMs: options.maxSlowSdkDelayMs });
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  const source =
    path === '/captchala.js' && scenario === 'no_global'
      ? '/* defines nothing */'
      : await readFile(new URL(file, browserDir), 'utf8');
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...CORS });
  res.end(source);
}
