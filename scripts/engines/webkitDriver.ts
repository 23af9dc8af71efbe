import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../freePort';
import { Engine, type EngineDriver, pageFunction } from './EngineDriver';
import type { FoundWebKit } from './findEngines';

/** WebDriver's code points for named keys (W3C WebDriver §17.4.2); a single character is sent as itself. */
const KEYS: Record<string, string> = {
  Enter: '\uE007',
  Escape: '\uE00C',
  Tab: '\uE004',
  Backspace: '\uE003',
  Space: ' ',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Meta: '\uE03D',
};

const keyValue = (key: string) => {
  const value = KEYS[key] ?? (key.length === 1 ? key : undefined);
  if (value === undefined) throw new Error(`webkitDriver: no WebDriver code point for the key "${key}"`);
  return value;
};

/** Starts a helper process that ends with this one, even when this one never reaches its cleanup. */
function start(command: string, args: string[], env: NodeJS.ProcessEnv, extraFds = 0): ChildProcess {
  const stdio: Array<'ignore' | 'pipe'> = [
    'ignore',
    'ignore',
    'pipe',
    ...Array<'pipe'>(extraFds).fill('pipe'),
  ];
  const child = spawn(command, args, { env, stdio });
  const stop = () => child.kill();
  process.once('exit', stop);
  child.once('exit', () => process.off('exit', stop));
  return child;
}

/** A display for MiniBrowser: `DISPLAY` when there is one, else a private Xvfb (`-noreset`, see below). */
async function display(xvfb: string | null): Promise<{ display: string; stop(): void }> {
  if (process.env['DISPLAY']) return { display: process.env['DISPLAY'], stop: () => undefined };
  if (!xvfb) throw new Error('webkitDriver: no DISPLAY and no Xvfb: apt-get install xvfb');
  // -noreset: by default Xvfb resets when its last client disconnects (every session close) and then drops about
  // one connection in 20, which shows up as a POST /session that never answers. -displayfd picks a free display.
  const server = start(
    xvfb,
    ['-displayfd', '3', '-noreset', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    process.env,
    1,
  );
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    server.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    server.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it had a display`)));
  });
  return { display: `:${number}`, stop: () => server.kill() };
}

interface WebDriverAnswer {
  value: unknown;
}

/**
 * WebKitGTK's MiniBrowser over classic W3C WebDriver (`WebKitWebDriver`, Debian's webkit2gtk-driver), on a private
 * Xvfb. A session per driver process (WebKitWebDriver serves one at a time). No console or network events:
 * classic WebDriver has none.
 */
export async function launchWebKit(found: FoundWebKit): Promise<EngineDriver> {
  const screen = await display(found.xvfb);
  const port = await freePort();
  const driver = start(found.driver, [`--port=${port}`, '--host=127.0.0.1'], {
    ...process.env,
    DISPLAY: screen.display,
  });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const { value } = (await response.json()) as WebDriverAnswer;
    const error = value as { error?: string; message?: string } | null;
    if (!response.ok || error?.error) {
      throw new Error(
        `WebDriver ${method} ${path}: ${error?.error ?? response.status}: ${error?.message ?? ''}`,
      );
    }
    return value;
  };
  // The driver listens shortly after it starts: retry the first call until it answers.
  let session: { sessionId: string; capabilities: { browserVersion?: string } } | undefined;
  for (let attempt = 0; !session; attempt++) {
    try {
      session = (await call('POST', '/session', {
        capabilities: {
          alwaysMatch: { 'webkitgtk:browserOptions': { binary: found.browser, args: ['--automation'] } },
        },
      })) as typeof session;
    } catch (error) {
      if (attempt > 50 || driver.exitCode !== null) {
        driver.kill();
        screen.stop();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const at = `/session/${session.sessionId}`;
  const keys = (values: string[]) =>
    call('POST', `${at}/actions`, {
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: values.flatMap((value) => [
            { type: 'keyDown', value },
            { type: 'keyUp', value },
          ]),
        },
      ],
    });
  return {
    engine: Engine.WebKit,
    version: `webkit/${session.capabilities.browserVersion ?? 'unknown'}`,
    async goto(url) {
      await call('POST', `${at}/url`, { url });
    },
    url: async () => (await call('GET', `${at}/url`)) as string,
    async setViewport(width, height) {
      await call('POST', `${at}/window/rect`, { width, height });
    },
    async evaluate(fn, ...args) {
      // Async script: a promise the function returns is awaited; errors come back as values, not timeouts.
      const script = `const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => ${pageFunction(fn)}.apply(null, Array.prototype.slice.call(arguments, 0, -1)))
          .then((value) => done({ value }), (error) => done({ error: String(error && error.stack || error) }));`;
      const result = (await call('POST', `${at}/execute/async`, { script, args })) as {
        value?: unknown;
        error?: string;
      };
      if (result.error) throw new Error(result.error);
      return result.value as never;
    },
    async clickElement(find, ...args) {
      const element = await call('POST', `${at}/execute/sync`, {
        script: `return ${pageFunction(find)}.apply(null, arguments)`,
        args,
      });
      if (!element || typeof element !== 'object')
        throw new Error('clickElement: the page function returned no element');
      // An element origin: WebKitWebDriver finds its in-view centre when it performs the action.
      await call('POST', `${at}/actions`, {
        actions: [
          {
            type: 'pointer',
            id: 'mouse',
            parameters: { pointerType: 'mouse' },
            actions: [
              { type: 'pointerMove', origin: element, x: 0, y: 0 },
              { type: 'pointerDown', button: 0 },
              { type: 'pointerUp', button: 0 },
            ],
          },
        ],
      });
    },
    press: (key) => keys([keyValue(key)]).then(() => undefined),
    type: (text) => keys([...text]).then(() => undefined),
    onConsole: null,
    async close() {
      await call('DELETE', at).catch(() => undefined);
      driver.kill();
      screen.stop();
    },
  };
}
