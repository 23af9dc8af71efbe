import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type FakeCaptchala, TEST_APP_KEYS } from '@captchala-kit/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mint, SECRET, startStandIn } from './helpers';

/**
 * Bun's binary from the `bun` devDependency's platform packages (`@oven/bun-<os>-<arch>[-variant]`), resolved
 * directly so the package's postinstall is not needed; `BUN_PATH` overrides. Null when none runs here.
 */
function findBun(): string | null {
  if (process.env['BUN_PATH']) return process.env['BUN_PATH'];
  const arch = { x64: 'x64', arm64: 'aarch64' }[process.arch as string];
  const exe = process.platform === 'win32' ? 'bun.exe' : 'bun';
  try {
    const fromBun = createRequire(createRequire(import.meta.url).resolve('bun/package.json'));
    // The first that runs here: the default build needs AVX2, `-baseline` does not; `-musl` for Alpine.
    for (const variant of ['', '-baseline', '-musl', '-musl-baseline']) {
      try {
        const bin = fromBun.resolve(`@oven/bun-${process.platform}-${arch}${variant}/bin/${exe}`);
        if (spawnSync(bin, ['--version']).status === 0) return bin;
      } catch {}
    }
  } catch {}
  return null;
}

const BUN = findBun();

/** Starts bunSite.ts under Bun, against the stand-in; resolves its URL once it listens. */
async function startBunSite(fake: FakeCaptchala): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(BUN!, ['run', fileURLToPath(new URL('./fetchRuntime/bunSite.ts', import.meta.url))], {
    env: {
      PATH: process.env['PATH'],
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
    child.once('exit', (code) => reject(new Error(`bun exited with ${code} before listening:\n${output}`)));
  });
  return { url, child };
}

const post = (url: string, body: BodyInit, type = 'application/json') =>
  fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

if (!BUN) {
  test.skip('Bun is not installed (devDependency "bun" of @captchala-kit/server, or BUN_PATH): the handlers did not run under a fetch-style runtime', () => {});
}

describe.runIf(BUN)('under Bun, a fetch-style runtime, against the stand-in over HTTP', () => {
  let fake: FakeCaptchala;
  let site: { url: string; child: ChildProcess };
  beforeAll(async () => {
    ({ fake } = await startStandIn());
    site = await startBunSite(fake);
  }, 30_000);
  afterAll(async () => {
    if (site?.child.exitCode === null) {
      site.child.kill();
      await once(site.child, 'exit');
    }
    await fake?.close();
  });

  test('the server-token handler issues an sct_ bound to the peer Bun reports; the validate route passes its pass token once', async () => {
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
      runtime: expect.stringMatching(/^bun \d/),
    });
    const replay = await post(`${site.url}/api/submit`, JSON.stringify({ captchala_token: token }));
    expect(replay.status).toBe(403);
    expect(await replay.json()).toMatchObject({ error: { code: 'token_consumed' } });
  });

  test.each([
    ['an unknown action', '/api/server-token', JSON.stringify({ action: 'admin' }), 400, 'unknown_action'],
    ['a non-JSON body', '/api/server-token', '{"action":', 400, 'invalid_body'],
    ['a 10 MB body', '/api/server-token', 'a'.repeat(10 * 1024 * 1024), 413, 'payload_too_large'],
    ['no token', '/api/submit', JSON.stringify({ text: 'hi' }), 400, 'empty_token'],
  ])('%s → %i %s', async (_name, path, body, status, code) => {
    const response = await post(`${site.url}${path}`, body);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code } });
  });
});
