import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type FakeCaptchala, startFakeCaptchala, TEST_APP_KEYS } from '../src/index';
import { isLoopbackHost } from '../src/isLoopbackHost';
import { MAX_BODY_BYTES } from '../src/server/createFakeCaptchalaHandler';
import { captchalaFake } from '../src/vite';

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
  ])('an empty cross-site POST to %s (%s) is refused with 415: no reset, no token', async (path, type) => {
    fake.reset();
    fake.setMode('error_5xx');
    fake.issueServerToken({ appKey: 'test_server_token', action: 'default' });
    // What a no-cors fetch or a form without fields sends from another site: no body, and no JSON type.
    const response = await raw({
      method: 'POST',
      path,
      headers: {
        origin: 'https://evil.example',
        'content-length': '0',
        ...(type.includes('/') ? { 'content-type': type } : {}),
      },
    });
    expect(response.status).toBe(415);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'unsupported_media_type' });
    expect(fake.inspect()).toMatchObject({ mode: 'error_5xx', serverTokens: [expect.anything()] });
    fake.reset();
  });

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
