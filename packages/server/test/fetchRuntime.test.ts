import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type FakeCaptchala, TEST_APP_KEYS } from '@captchala-kit/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mint, SECRET, startStandIn } from './helpers';

/**
 * A runtime's binary from its devDependency's optional platform packages, resolved directly so the package's
 * postinstall is not needed: the first of `candidates` (paths inside those packages) that runs here. `override`
 * (an environment variable) wins. Null when none runs here.
 */
function findBinary(override: string | undefined, pkg: string, candidates: string[]): string | null {
  if (override) return override;
  try {
    const fromPkg = createRequire(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
    for (const candidate of candidates) {
      try {
        const bin = fromPkg.resolve(candidate);
        if (spawnSync(bin, ['--version']).status === 0) return bin;
      } catch {}
    }
  } catch {}
  return null;
}

const exe = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name);
const bunArch = { x64: 'x64', arm64: 'aarch64' }[process.arch as string];

interface Runtime {
  name: string;
  /** The binary, or null when it does not run here (the runtime's tests are skipped, saying so). */
  bin: string | null;
  /** Where the binary comes from. */
  from: string;
  /** How to run a site file with it. */
  args(site: string): string[];
  site: string;
}

const RUNTIMES: Runtime[] = [
  {
    name: 'Bun',
    // The default build needs AVX2, `-baseline` does not; `-musl` for Alpine.
    bin: findBinary(
      process.env['BUN_PATH'],
      'bun',
      ['', '-baseline', '-musl', '-musl-baseline'].map(
        (variant) => `@oven/bun-${process.platform}-${bunArch}${variant}/bin/${exe('bun')}`,
      ),
    ),
    from: 'devDependency "bun" of @captchala-kit/server, or BUN_PATH',
    args: (site) => ['run', site],
    site: './fetchRuntime/bunSite.ts',
  },
  {
    name: 'Deno',
    bin: findBinary(process.env['DENO_PATH'], 'deno', [
      `@deno/${process.platform}-${process.arch}${process.platform === 'linux' ? '-glibc' : ''}/${exe('deno')}`,
    ]),
    from: 'devDependency "deno" of @captchala-kit/server, or DENO_PATH',
    // Sloppy imports: the sources import `./module`, as bundlers and tsx resolve it, not `./module.ts`.
    args: (site) => ['run', '--unstable-sloppy-imports', '--allow-net=127.0.0.1', '--allow-env', site],
    site: './fetchRuntime/denoSite.ts',
  },
];

/** Starts the runtime's site against the stand-in; resolves its URL once it listens. */
async function startSite(
  runtime: Runtime,
  fake: FakeCaptchala,
): Promise<{ url: string; child: ChildProcess }> {
  const site = fileURLToPath(new URL(runtime.site, import.meta.url));
  const child = spawn(runtime.bin!, runtime.args(site), {
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      DENO_NO_UPDATE_CHECK: '1',
      CAPTCHALA_APP_KEY: TEST_APP_KEYS.serverToken,
      CAPTCHALA_APP_SECRET: SECRET,
      CAPTCHALA_API_URL: fake.apiUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /listening (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) =>
      reject(new Error(`${runtime.name} exited with ${code} before listening:\n${output}`)),
    );
  });
  return { url, child };
}

const post = (url: string, body: BodyInit, type = 'application/json') =>
  fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

for (const runtime of RUNTIMES) {
  if (!runtime.bin) {
    test.skip(`${runtime.name} is not installed (${runtime.from}): the handlers did not run under it`, () => {});
  }
}

describe.each(RUNTIMES.filter((runtime) => runtime.bin))(
  'under $name, a fetch-style runtime, against the stand-in over HTTP',
  (runtime) => {
    let fake: FakeCaptchala;
    let site: { url: string; child: ChildProcess };
    beforeAll(async () => {
      ({ fake } = await startStandIn());
      site = await startSite(runtime, fake);
    }, 30_000);
    afterAll(async () => {
      if (site?.child.exitCode === null) {
        site.child.kill();
        await once(site.child, 'exit');
      }
      await fake?.close();
    });

    test('the server-token handler issues an sct_ bound to the peer the runtime reports; the validate route passes its pass token once', async () => {
      const issued = await post(`${site.url}/api/server-token`, JSON.stringify({ action: 'login' }));
      expect(issued.status).toBe(200);
      const { server_token: serverToken, action } = (await issued.json()) as Record<string, string>;
      expect(serverToken).toMatch(/^sct_/);
      expect(action).toBe('login');
      expect(fake.inspect().serverTokens).toMatchObject([{ action: 'login', bindIp: '127.0.0.1' }]);

      const token = await mint(fake, { appKey: TEST_APP_KEYS.serverToken, serverToken });
      const form = new URLSearchParams({ captchala_token: token, text: 'hi' });
      const passed = await post(`${site.url}/api/submit`, form, 'application/x-www-form-urlencoded');
      expect(await passed.json()).toMatchObject({
        passed: true,
        action: 'login',
        fields: { text: 'hi' },
        runtime: expect.stringMatching(new RegExp(`^${runtime.name.toLowerCase()} \\d`)),
      });
      const replay = await post(`${site.url}/api/submit`, JSON.stringify({ captchala_token: token }));
      expect(replay.status).toBe(403);
      expect(await replay.json()).toMatchObject({ error: { code: 'token_consumed' } });
    });

    test.each([
      ['an unknown action', 400, 'unknown_action', '/api/server-token', JSON.stringify({ action: 'admin' })],
      ['a non-JSON body', 400, 'invalid_body', '/api/server-token', '{"action":'],
      ['a 10 MB body', 413, 'payload_too_large', '/api/server-token', 'a'.repeat(10 * 1024 * 1024)],
      ['no token', 400, 'empty_token', '/api/submit', JSON.stringify({ text: 'hi' })],
    ])('%s → %i %s', async (_name, status, code, path, body) => {
      const response = await post(`${site.url}${path}`, body);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
    });
  },
);
