import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  createFakeCaptchala,
  createFakeCaptchalaHandler,
  type FakeCaptchala,
  type FakeCaptchalaHandlerOptions,
  startFakeCaptchala,
  TEST_APP_KEYS,
} from '../src/index';
import { isLoopbackHost } from '../src/isLoopbackHost';
import { MAX_BODY_BYTES } from '../src/server/readBody';
import { type CaptchalaFakePlugin, captchalaFake } from '../src/vite';

let fake: FakeCaptchala;
beforeAll(async () => {
  fake = await startFakeCaptchala();
});
afterAll(() => fake.close());

const port = () => Number(new URL(fake.url).port);

/** A raw request (to this file's stand-in unless `port` says otherwise), so the Host header and the body can be anything. */
function raw(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  port?: number;
}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: options.port ?? port(),
          method: options.method ?? 'GET',
          path: options.path,
          headers: options.headers,
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    },
  );
}

describe('test-only endpoints answer no other website', () => {
  test.each([
    ['GET', '/__control/inspect'],
    ['POST', '/__site/server-token?app_key=test_server_token'],
    ['OPTIONS', '/__control/reset'],
  ])('%s %s sends no CORS headers', async (method, path) => {
    const response = await raw({
      method,
      path,
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: method === 'POST' ? '{}' : undefined,
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('the SDK endpoints keep CORS: the SDK calls them from the page', async () => {
    const response = await raw({
      method: 'OPTIONS',
      path: '/sdk/challenge',
      headers: { origin: 'https://site.example' },
    });
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  test.each(['/__control/mode', '/__control/reset', '/__site/validate?app_key=test_pass'])(
    'a "simple" cross-site POST to %s (text/plain) is refused with 415 and changes nothing',
    async (path) => {
      fake.reset();
      const response = await raw({
        method: 'POST',
        path,
        headers: { 'content-type': 'text/plain' },
        body: '{"mode":"hang"}',
      });
      expect(response.status).toBe(415);
      expect(JSON.parse(response.body)).toMatchObject({ error: 'unsupported_media_type' });
      expect(fake.inspect().mode).toBe('ok');
    },
  );

  test.each([
    ['/__control/reset', 'no content-type'],
    ['/__control/reset', 'application/x-www-form-urlencoded'],
    ['/__site/server-token?app_key=test_server_token', 'no content-type'],
    ['/__site/server-token?app_key=test_server_token', 'text/plain'],
  ])(
    'an empty POST to %s (%s) is refused with 415, Origin or not: no reset, no token',
    async (path, type) => {
      fake.reset();
      fake.setMode('error_5xx');
      fake.issueServerToken({ appKey: 'test_server_token', action: 'default' });
      // What a no-cors fetch or a form without fields sends: no body, and no JSON type. Without `Origin` (an old
      // browser) the same-origin check has nothing to go on; the JSON-only rule still refuses it.
      const response = await raw({
        method: 'POST',
        path,
        headers: {
          'content-length': '0',
          ...(type.includes('/') ? { 'content-type': type } : {}),
        },
      });
      expect(response.status).toBe(415);
      expect(JSON.parse(response.body)).toMatchObject({ error: 'unsupported_media_type' });
      expect(fake.inspect()).toMatchObject({ mode: 'error_5xx', serverTokens: [expect.anything()] });
      fake.reset();
    },
  );

  test('a Host that is not this machine is refused (DNS rebinding): 403', async () => {
    const rebound = await raw({ path: '/__control/inspect', headers: { host: `evil.example:${port()}` } });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: 'host_not_allowed' });
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`]) {
      expect((await raw({ path: '/__control/inspect', headers: { host } })).status).toBe(200);
    }
  });

  test('allowedHosts widens the Host check on purpose, to those names only', async () => {
    const named = await startFakeCaptchala({ allowedHosts: ['captchala.test'] });
    try {
      const namedPort = Number(new URL(named.url).port);
      const as = (host: string) => raw({ path: '/__control/inspect', headers: { host }, port: namedPort });
      expect((await as(`captchala.test:${namedPort}`)).status).toBe(200);
      expect((await as(`other.test:${namedPort}`)).status).toBe(403);
    } finally {
      await named.close();
    }
  });
});

describe('mounted in a real Vite dev server (default CORS), the test-only endpoints answer its own origin only', () => {
  let vite: ViteDevServer;
  let plugin: CaptchalaFakePlugin;
  let root: string;
  let vitePort: number;
  let ownOrigin: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'captchala-vite-'));
    plugin = captchalaFake();
    vite = await createViteServer({
      configFile: false,
      root,
      logLevel: 'silent',
      plugins: [plugin],
      optimizeDeps: { noDiscovery: true },
      server: { port: 0, host: '127.0.0.1', watch: null },
    });
    await vite.listen();
    vitePort = (vite.httpServer!.address() as AddressInfo).port;
    ownOrigin = `http://127.0.0.1:${vitePort}`;
  });
  afterAll(async () => {
    await vite.close();
    rmSync(root, { recursive: true, force: true });
  });

  const toVite = (options: Parameters<typeof raw>[0]) => raw({ ...options, port: vitePort });
  const sameOrigin = () => ({ origin: ownOrigin, 'sec-fetch-site': 'same-origin' });
  const inspectSameOrigin = async () =>
    JSON.parse((await toVite({ path: '/__captchala/__control/inspect', headers: sameOrigin() })).body);

  /** A solved pass token and an unused server token: what a leaking inspect would hand out. */
  function seed() {
    const { state, handler } = plugin.api.fake;
    handler.reset();
    const challenge = state.createChallenge({ appKey: TEST_APP_KEYS.pass, action: 'login', ip: '127.0.0.1' });
    const pass = state.solve({ challengeId: challenge.id });
    const server = state.issueServerToken({ appKey: TEST_APP_KEYS.serverToken, action: 'login' });
    return { pass: pass.token, server: server.token };
  }

  // Pages on other origins that Vite's CORS lets read its answers (every localhost origin), and what a browser
  // says of a request from another site or from a sibling port.
  const crossOrigin = [
    ['Origin: http://localhost:3000', { origin: 'http://localhost:3000' }],
    ['Origin: http://evil.localhost:8080', { origin: 'http://evil.localhost:8080' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['same-site, from another port', { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-site' }],
    ['Origin: null (a sandboxed frame)', { origin: 'null' }],
  ] as const;

  test.each(crossOrigin)('GET /__control/inspect with %s: 403, no token in the body', async (_, headers) => {
    const tokens = seed();
    const response = await toVite({ path: '/__captchala/__control/inspect', headers });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'cross_origin_refused' });
    expect(response.body).not.toContain(tokens.pass);
    expect(response.body).not.toContain(tokens.server);
    expect(response.body).not.toMatch(/pt_|sct_|passTokens/);
    // Vite may reflect the page's origin (its own CORS); the stand-in adds no `*` of its own.
    expect(response.headers['access-control-allow-origin']).not.toBe('*');
  });

  test.each(
    crossOrigin.flatMap(([name, headers]) => [
      ['/__control/reset', {}, name, headers],
      ['/__control/mode', { mode: 'hang' }, name, headers],
      [`/__site/server-token?app_key=${TEST_APP_KEYS.serverToken}`, { action: 'login' }, name, headers],
    ]),
  )('POST %s %j with %s: 403, and nothing changes', async (path, body, _, headers) => {
    const tokens = seed();
    const before = await inspectSameOrigin();
    // JSON, as a page sends once Vite has answered its CORS preflight.
    const response = await toVite({
      method: 'POST',
      path: `/__captchala${path}`,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'cross_origin_refused' });
    expect(response.body).not.toMatch(/sct_|server_token/);
    const after = await inspectSameOrigin();
    expect(after.mode).toBe('ok');
    expect(after.passTokens.map((t: { token: string }) => t.token)).toEqual([tokens.pass]);
    expect(after.serverTokens).toEqual(before.serverTokens);
  });

  test('its own pages (Origin equal to the server, Sec-Fetch-Site: same-origin) inspect, steer and mint', async () => {
    const tokens = seed();
    const inspected = await toVite({ path: '/__captchala/__control/inspect', headers: sameOrigin() });
    expect(inspected.status).toBe(200);
    expect(inspected.body).toContain(tokens.pass);
    const post = (path: string, body: unknown) =>
      toVite({
        method: 'POST',
        path: `/__captchala${path}`,
        headers: { ...sameOrigin(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/__control/mode', { mode: 'error_5xx' })).status).toBe(200);
    expect(plugin.api.fake.handler.mode).toBe('error_5xx');
    const minted = await post(`/__site/server-token?app_key=${TEST_APP_KEYS.serverToken}`, {});
    expect(JSON.parse(minted.body).server_token).toMatch(/^sct_/);
    expect((await post('/__control/reset', {})).status).toBe(200);
    expect(plugin.api.fake.handler.inspect()).toMatchObject({ mode: 'ok', passTokens: [] });
  });

  test.each([
    ['no Origin and no Sec-Fetch-Site (Node, curl, server-side code)', () => ({})],
    ['Sec-Fetch-Site: none (a URL typed into the address bar)', () => ({ 'sec-fetch-site': 'none' })],
    [
      'the Origin of the Host it was reached by (localhost)',
      () => ({ host: `localhost:${vitePort}`, origin: `http://localhost:${vitePort}` }),
    ],
  ])('%s: answered', async (_, headers) => {
    const tokens = seed();
    const response = await toVite({ path: '/__captchala/__control/inspect', headers: headers() });
    expect(response.status).toBe(200);
    expect(response.body).toContain(tokens.pass);
  });

  test('the SDK endpoints and the CDN files stay CORS-enabled: the SDK calls them from any page', async () => {
    const site = { origin: 'https://site.example', 'sec-fetch-site': 'cross-site' };
    const loader = await toVite({ path: '/__captchala/captchala-loader.js', headers: site });
    expect(loader.status).toBe(200);
    expect(loader.headers['access-control-allow-origin']).toBe('*');
    const challenge = await toVite({
      method: 'POST',
      path: '/__captchala/sdk/challenge',
      headers: { ...site, 'content-type': 'application/json' },
      body: JSON.stringify({ appKey: TEST_APP_KEYS.pass }),
    });
    expect(challenge.status).toBe(200);
    expect(challenge.headers['access-control-allow-origin']).toBe('*');
  });
});

/** A stand-in handler with these options on its own 127.0.0.1 server. */
async function serveHandler(options: Omit<FakeCaptchalaHandlerOptions, 'state'>) {
  const handler = createFakeCaptchalaHandler({ state: createFakeCaptchala().state, ...options });
  const server = createServer((req, res) => void handler.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, close };
}

describe('?scenario= on the CDN files cannot hold connections open', () => {
  const DAY_MS = 86_400_000;

  test('slow_sdk: a huge delay is clamped (here to 100 ms; 30 s by default)', async () => {
    const served = await serveHandler({ maxSlowSdkDelayMs: 100 });
    try {
      const started = performance.now();
      // Unclamped, this waits a day; the signal fails the test long before that.
      const response = await fetch(`${served.url}/captchala.js?scenario=slow_sdk&delay=${DAY_MS}`, {
        signal: AbortSignal.timeout(4_000),
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Captchala');
      // Still slow: the clamp shortens the delay, it does not drop the scenario.
      expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    } finally {
      await served.close();
    }
  });

  test('with the test endpoints off (vite preview), no scenario is served: no delay, no 404, no empty SDK', async () => {
    const served = await serveHandler({ testEndpoints: false });
    try {
      const sdk = (query: string) =>
        fetch(`${served.url}/captchala.js?${query}`, { signal: AbortSignal.timeout(4_000) });
      // Honoured, this would wait the 30-second clamp and the signal would fail the test.
      const slow = await sdk(`scenario=slow_sdk&delay=${DAY_MS}`);
      expect(slow.status).toBe(200);
      expect((await sdk('scenario=sdk_404')).status).toBe(200);
      expect(await (await sdk('scenario=no_global')).text()).toContain('Captchala');
      expect((await fetch(`${served.url}/__control/inspect`)).status).toBe(404);
    } finally {
      await served.close();
    }
  });
});

describe('request bodies are capped before they are read whole', () => {
  test.each([
    ['/v1/validate', { 'x-app-key': TEST_APP_KEYS.pass, 'x-app-secret': 'test_secret' }],
    ['/sdk/challenge', {}],
    ['/__site/validate?app_key=test_pass', {}],
  ])('%s: a body over 64 KB is 413 with a JSON error, and the connection closes', async (path, headers) => {
    const body = Buffer.alloc(MAX_BODY_BYTES + 1, 'a');
    const declared = await raw({
      method: 'POST',
      path,
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
    expect(declared.status).toBe(413);
    expect(declared.headers['connection']).toBe('close');
    expect(declared.body).toMatch(/payload_too_large|over 65536 bytes/);
  });

  test('a chunked body that never says its length is cut off at 64 KB too', async () => {
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: port(),
          method: 'POST',
          path: '/sdk/challenge',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write(Buffer.alloc(8 * 1024, 'a'));
      req.end();
    });
    expect(chunked).toBe(413);
  });
});

describe('test app keys are own properties only', () => {
  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '"%s" is an unknown app key',
    async (appKey) => {
      const challenge = await raw({
        method: 'POST',
        path: '/sdk/challenge',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ appKey }),
      });
      expect(JSON.parse(challenge.body)).toMatchObject({ error: 'invalid_app_key' });
      const api = await raw({
        method: 'POST',
        path: '/v1/validate',
        headers: { 'content-type': 'application/json', 'x-app-key': appKey, 'x-app-secret': 'test_secret' },
        body: '{"pass_token":"pt_x"}',
      });
      expect(api.status).toBe(401);
    },
  );
});

describe('exposure beyond loopback is loud', () => {
  test.each([
    [undefined, true],
    ['127.0.0.1', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    [true, false],
    ['192.168.1.20', false],
  ] as const)('isLoopbackHost(%s) is %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  test('the Vite plugin warns for a non-loopback host, and keeps test endpoints out of vite preview', async () => {
    const plugin = captchalaFake();
    const warn = vi.fn();
    const middlewares: Array<(req: unknown, res: unknown, next: () => void) => void> = [];
    const preview = {
      config: { preview: { host: '0.0.0.0' }, logger: { warn } },
      middlewares: { use: (fn: (typeof middlewares)[number]) => middlewares.push(fn) },
    };
    (plugin.configurePreviewServer as (server: unknown) => void)(preview);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/0\.0\.0\.0.*network/));
    const res = { statusCode: 0, writeHead: vi.fn(), end: vi.fn(), setHeader: vi.fn() };
    const next = vi.fn();
    middlewares[0]!({ url: '/__captchala/__control/inspect', method: 'GET', headers: {} }, res, next);
    await vi.waitFor(() => expect(res.writeHead).toHaveBeenCalled());
    expect(res.writeHead).toHaveBeenCalledWith(404, expect.anything());
    const quiet = vi.fn();
    (captchalaFake().configurePreviewServer as (server: unknown) => void)({
      config: { preview: { host: '127.0.0.1' }, logger: { warn: quiet } },
      middlewares: { use: () => {} },
    });
    expect(quiet).not.toHaveBeenCalled();
  });
});

test('the standalone server listens on loopback by default', () => {
  expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});
