import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeCaptchala, TEST_APP_KEYS } from '@captchala-kit/testing';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  type CaptchalaRequest,
  createServerTokenHandler,
  createValidateMiddleware,
  getClientIp,
  readCaptchalaToken,
  toNodeHandler,
  type WebHandler,
} from '../src/index';
import { clientFor, mint, startStandIn } from './helpers';

let fake: FakeCaptchala;
beforeAll(async () => {
  ({ fake } = await startStandIn());
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** A real server on 127.0.0.1:0 for the duration of `use`. */
async function serve<T>(listener: Listener, use: (url: string) => Promise<T>): Promise<T> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const tokenHandler = (options: Parameters<typeof clientFor>[1] = {}) =>
  createServerTokenHandler({
    client: clientFor(fake, { appKey: TEST_APP_KEYS.serverToken, ...options }).client,
    actions: ['login', 'signup'],
    maxUses: 2,
  });

const json = (body: unknown, init: RequestInit = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  ...init,
});

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as any, headers: response.headers };
}

const TEN_MB = new Uint8Array(10 * 1024 * 1024).fill(0x61);

/** The bad requests every runtime must answer with a 4xx JSON error, never a crash or a 500. */
const BAD_REQUESTS: Array<[string, number, string, RequestInit]> = [
  ['an unknown action', 400, 'unknown_action', json({ action: 'admin' })],
  ['a missing action', 400, 'missing_field', json({ scene: 'login' })],
  ['an empty JSON object', 400, 'missing_field', json({})],
  ['no body and no content type', 415, 'unsupported_media_type', { method: 'POST' }],
  ['a non-JSON body', 400, 'invalid_body', json('{"action":')],
  ['a JSON array', 400, 'invalid_body', json(['login'])],
  ['a number as action', 400, 'missing_field', json({ action: 7 })],
  [
    'text/plain',
    415,
    'unsupported_media_type',
    { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'login' },
  ],
  ['a 10 MB body', 413, 'payload_too_large', json('', { body: TEN_MB })],
  ['a wrong method', 405, 'method_not_allowed', { method: 'GET' }],
];

describe('createServerTokenHandler', () => {
  test('fetch-style runtime: {action} → {server_token, expires_in, action}, and the token works', async () => {
    const handler = tokenHandler();
    const { status, body, headers } = await answer(
      await handler(new Request('http://app.test/api/server-token', json({ action: 'login' }))),
    );
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({ server_token: expect.stringMatching(/^sct_/), expires_in: 300, action: 'login' });
    expect(fake.inspect().serverTokens[0]).toMatchObject({ action: 'login', maxUses: 2 });
    const token = await mint(fake, { appKey: TEST_APP_KEYS.serverToken, serverToken: body.server_token });
    expect(token).toMatch(/^pt_/);
  });

  test('bindTo binds each token to the requester: the IP getClientIp reports, and a user id', async () => {
    const handler = createServerTokenHandler({
      client: clientFor(fake, { appKey: TEST_APP_KEYS.serverToken }).client,
      actions: ['login'],
      bindTo: (request) => ({
        ip: getClientIp(request, { trustProxy: 1, remoteAddress: '10.0.0.2' }).ip,
        uid: request.headers.get('x-user'),
      }),
    });
    const request = new Request('http://app.test/', {
      ...json({ action: 'login' }),
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '6.6.6.6, 198.51.100.7',
        'x-user': 'u_42',
      },
    });
    expect((await answer(await handler(request))).status).toBe(200);
    // The client could prepend any address: the proxy's own entry (the right-most one) is what binds.
    expect(fake.inspect().serverTokens[0]).toMatchObject({ bindIp: '198.51.100.7', bindUid: 'u_42' });
  });

  test('a bindTo that is not a function is refused at construction, by name', () => {
    const { client } = clientFor(fake, { appKey: TEST_APP_KEYS.serverToken });
    expect(() => createServerTokenHandler({ client, actions: ['login'], bindTo: 'ip' as never })).toThrow(
      'createServerTokenHandler: options.bindTo must be a function of the request.',
    );
  });

  test.each(BAD_REQUESTS)('fetch-style runtime, %s → %i %s', async (_name, status, code, init) => {
    const response = await tokenHandler()(new Request('http://app.test/', init));
    const { body, headers } = await answer(response);
    expect(response.status).toBe(status);
    expect(body).toEqual({ error: { code, message: expect.any(String) } });
    if (status === 405) expect(headers.get('allow')).toBe('POST');
    expect(fake.inspect().serverTokens).toHaveLength(0);
  });

  test('a 10 MB stream without a content-length is cut at the cap', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 160) return controller.close();
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const request = new Request('http://app.test/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect((await tokenHandler()(request)).status).toBe(413);
    expect(pulled).toBeLessThan(5);
  });

  test('CaptchaLa down: 503; misconfigured: 502; both with a generic message', async () => {
    fake.setMode('error_5xx');
    const down = await answer(
      await tokenHandler({ retries: 0 })(new Request('http://app.test/', json({ action: 'login' }))),
    );
    expect(down).toMatchObject({ status: 503, body: { error: { code: 'server_token_unavailable' } } });
    fake.setMode('ok');
    const wrong = await answer(
      await tokenHandler({ appSecret: 'wrong-secret-x' })(
        new Request('http://app.test/', json({ action: 'login' })),
      ),
    );
    expect(wrong).toMatchObject({ status: 502, body: { error: { code: 'server_token_unavailable' } } });
    expect(JSON.stringify(wrong.body)).not.toMatch(/secret/i);
  });

  test('its options are checked once', () => {
    const { client } = clientFor(fake);
    expect(() => createServerTokenHandler({ client, actions: [] })).toThrow(/actions/);
    expect(() => createServerTokenHandler({ client: {} as never, actions: ['login'] })).toThrow(/client/);
    expect(() => createServerTokenHandler({ client, actions: ['login'], ttl: '60' as never })).toThrow(/ttl/);
    expect(() => createValidateMiddleware({ client, expectedAction: 1 as never })).toThrow(/expectedAction/);
  });

  describe.each([
    ['Node http', (handler: WebHandler): Listener => toNodeHandler(handler)],
    [
      'Express',
      (handler: WebHandler): Listener => {
        const app = express();
        app.all('/api/server-token', toNodeHandler(handler));
        return app;
      },
    ],
    [
      'Express after express.json()',
      (handler: WebHandler): Listener => {
        const app = express();
        app.use(express.json({ limit: '64kb' }));
        app.all('/api/server-token', toNodeHandler(handler));
        return app;
      },
    ],
  ])('under %s', (_name, mount) => {
    test('issues a server token', async () => {
      await serve(mount(tokenHandler()), async (url) => {
        const { status, body } = await answer(
          await fetch(`${url}/api/server-token`, json({ action: 'signup' })),
        );
        expect(status).toBe(200);
        expect(body.server_token).toMatch(/^sct_/);
      });
    });

    // Under express.json() the parser reads (and caps) the body first, with its own error page.
    test.runIf(!_name.includes('express.json'))('a 10 MB chunked upload is cut at the cap', async () => {
      await serve(mount(tokenHandler()), async (url) => {
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent >= TEN_MB.byteLength) return controller.close();
            controller.enqueue(TEN_MB.subarray(sent, sent + 256 * 1024));
            sent += 256 * 1024;
          },
        });
        const init = { ...json(''), body, duplex: 'half' } as RequestInit;
        const response = await answer(await fetch(`${url}/api/server-token`, init));
        expect(response).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
      });
    });

    test.each(
      BAD_REQUESTS.filter(([name]) => !(_name.includes('express.json') && /non-JSON|10 MB|array/.test(name))),
    )('%s → %i %s', async (_bad, status, code, init) => {
      await serve(mount(tokenHandler()), async (url) => {
        const response = await answer(await fetch(`${url}/api/server-token`, init));
        expect(response.status).toBe(status);
        expect(response.body.error.code).toBe(code);
      });
    });
  });
});

describe('toNodeHandler', () => {
  test('caps what reaches any web handler, chunked uploads included', async () => {
    const echo: WebHandler = async (request) =>
      Response.json({ bytes: (await request.arrayBuffer()).byteLength });
    await serve(toNodeHandler(echo, { maxBodyBytes: 1024 }), async (url) => {
      const small = await answer(await fetch(url, { method: 'POST', body: new Uint8Array(1024) }));
      expect(small).toMatchObject({ status: 200, body: { bytes: 1024 } });
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(1024));
          controller.enqueue(new Uint8Array(1));
          controller.close();
        },
      });
      const init = { method: 'POST', body, duplex: 'half' } as RequestInit;
      expect(await answer(await fetch(url, init))).toMatchObject({ status: 413 });
    });
  });

  test('an unexpected error is a bare 500 without next, and goes to next when there is one', async () => {
    const broken: WebHandler = async () => {
      throw new Error('bug');
    };
    await serve(toNodeHandler(broken), async (url) => {
      expect((await fetch(url, { method: 'POST' })).status).toBe(500);
    });
    const app = express();
    app.post('/', toNodeHandler(broken));
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(418).json({ caught: error.message });
    });
    await serve(app, async (url) => {
      expect(await answer(await fetch(url, { method: 'POST' }))).toMatchObject({
        status: 418,
        body: { caught: 'bug' },
      });
    });
  });
});

describe('readCaptchalaToken', () => {
  const url = 'http://app.test/form';
  test('JSON, urlencoded and multipart bodies, under the element field name', async () => {
    const fromJson = await readCaptchalaToken(
      new Request(url, json({ captchala_token: 'pt_a', email: 'a@b.c' })),
    );
    expect(fromJson).toEqual({ token: 'pt_a', fields: { captchala_token: 'pt_a', email: 'a@b.c' } });
    const urlencoded = new URLSearchParams({ captchala_token: 'pt_b', tag: 'x' });
    urlencoded.append('tag', 'y');
    const fromForm = await readCaptchalaToken(new Request(url, { method: 'POST', body: urlencoded }));
    expect(fromForm).toEqual({ token: 'pt_b', fields: { captchala_token: 'pt_b', tag: ['x', 'y'] } });
    const multipart = new FormData();
    multipart.set('captchala_token', 'pt_c');
    multipart.set('file', new Blob(['hello']), 'hello.txt');
    const fromMultipart = await readCaptchalaToken(new Request(url, { method: 'POST', body: multipart }));
    expect(fromMultipart.token).toBe('pt_c');
    expect(fromMultipart.fields['file']).toBeInstanceOf(File);
  });

  test('the X-Captcha-Token header when the body has none; a custom field name', async () => {
    const headers = { 'content-type': 'application/json', 'x-captcha-token': 'pt_h' };
    expect((await readCaptchalaToken(new Request(url, { method: 'POST', headers, body: '{}' }))).token).toBe(
      'pt_h',
    );
    expect(
      (await readCaptchalaToken(new Request(url, { headers: { 'x-captcha-token': 'pt_g' } }))).token,
    ).toBe('pt_g');
    const custom = await readCaptchalaToken(new Request(url, json({ captcha: 'pt_d' })), {
      field: 'captcha',
    });
    expect(custom.token).toBe('pt_d');
    expect((await readCaptchalaToken(new Request(url))).token).toBeUndefined();
  });

  test('a body over the cap is refused before it is read whole', async () => {
    await expect(readCaptchalaToken(new Request(url, json('', { body: TEN_MB })))).rejects.toMatchObject({
      status: 413,
      code: 'payload_too_large',
    });
  });
});

describe('createValidateMiddleware', () => {
  const guarded = (options: Partial<Parameters<typeof createValidateMiddleware>[0]> = {}): Listener => {
    const middleware = createValidateMiddleware({
      client: clientFor(fake).client,
      expectedAction: 'login',
      ...options,
    });
    return (req, res) =>
      middleware(req, res, (error) => {
        if (error) throw error;
        const { captchala, body } = req as CaptchalaRequest;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ passed: true, kind: captchala?.kind, body }));
      });
  };
  const expressApp = (parsers: express.RequestHandler[]): Listener => {
    const app = express();
    if (parsers.length > 0) app.use(...parsers);
    app.post(
      '/comment',
      createValidateMiddleware({ client: clientFor(fake).client, expectedAction: 'login' }),
      (req, res) => {
        res.json({ passed: true, kind: (req as CaptchalaRequest).captchala?.kind, body: req.body });
      },
    );
    return app;
  };

  test.each([
    ['JSON', async (token: string) => json({ captchala_token: token, text: 'hi' })],
    [
      'urlencoded',
      async (token: string) => ({
        method: 'POST',
        body: new URLSearchParams({ captchala_token: token, text: 'hi' }),
      }),
    ],
    [
      'multipart',
      async (token: string) => {
        const body = new FormData();
        body.set('captchala_token', token);
        body.set('text', 'hi');
        return { method: 'POST', body };
      },
    ],
    [
      'the X-Captcha-Token header',
      async (token: string) =>
        json({ text: 'hi' }, { headers: { 'content-type': 'application/json', 'x-captcha-token': token } }),
    ],
  ])('Node http, %s: a valid token reaches the handler with the parsed fields', async (_name, init) => {
    await serve(guarded(), async (url) => {
      const response = await answer(await fetch(url, await init(await mint(fake))));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ passed: true, kind: 'valid', body: { text: 'hi' } });
    });
  });

  test('Node http: the failures, each with its status and code', async () => {
    await serve(guarded(), async (url) => {
      const token = await mint(fake);
      expect((await answer(await fetch(url, json({ captchala_token: token })))).status).toBe(200);
      const replay = await answer(await fetch(url, json({ captchala_token: token })));
      expect(replay).toMatchObject({ status: 403, body: { error: { code: 'token_consumed' } } });
      const missing = await answer(await fetch(url, json({ text: 'hi' })));
      expect(missing).toMatchObject({ status: 400, body: { error: { code: 'empty_token' } } });
      const twice = await answer(await fetch(url, json({ captchala_token: ['pt_a', 'pt_b'] })));
      expect(twice).toMatchObject({ status: 400, body: { error: { code: 'not_a_string' } } });
      const otherAction = await answer(
        await fetch(url, json({ captchala_token: await mint(fake, { action: 'pay' }) })),
      );
      expect(otherAction).toMatchObject({ status: 403, body: { error: { code: 'token_action_mismatch' } } });
      const huge = await answer(await fetch(url, json('', { body: TEN_MB })));
      expect(huge).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
      const broken = await answer(await fetch(url, json('{"captchala_token":')));
      expect(broken).toMatchObject({ status: 400, body: { error: { code: 'invalid_body' } } });
      fake.setMode('error_5xx');
      const down = await answer(await fetch(url, json({ captchala_token: await mint(fake) })));
      expect(down).toMatchObject({ status: 503, body: { error: { code: 'captcha_unavailable' } } });
    });
  });

  test('misconfigured looks like unavailable to users: same status, code and message', async () => {
    const wrongSecret = guarded({ client: clientFor(fake, { appSecret: 'wrong-secret-y' }).client });
    const misconfigured = await serve(wrongSecret, async (url) =>
      answer(await fetch(url, json({ captchala_token: await mint(fake) }))),
    );
    fake.setMode('error_5xx');
    const unavailable = await serve(
      guarded({ client: clientFor(fake, { retries: 0 }).client }),
      async (url) => answer(await fetch(url, json({ captchala_token: 'pt_abcdef' }))),
    );
    expect(misconfigured.status).toBe(503);
    expect(misconfigured.body).toEqual(unavailable.body);
  });

  test('onFailure answers instead; a custom field name', async () => {
    const listener = guarded({
      field: 'captcha',
      onFailure: (result, _req, res) => {
        res.statusCode = 422;
        res.end(JSON.stringify({ mine: result.reason }));
      },
    });
    await serve(listener, async (url) => {
      expect(await answer(await fetch(url, json({ captchala_token: await mint(fake) })))).toMatchObject({
        status: 422,
        body: { mine: 'empty_token' },
      });
      expect((await fetch(url, json({ captcha: await mint(fake) }))).status).toBe(200);
    });
  });

  test.each([
    ['no body parser (multipart)', [], 'multipart'],
    ['express.urlencoded()', [express.urlencoded({ extended: false })], 'urlencoded'],
    ['express.json()', [express.json()], 'json'],
    [
      "Express 4's {} placeholder (multipart)",
      [
        (req: express.Request, _res: express.Response, next: express.NextFunction) => {
          req.body ??= {};
          next();
        },
      ],
      'multipart',
    ],
  ] as const)('Express with %s', async (_name, parsers, encoding) => {
    await serve(expressApp([...parsers]), async (url) => {
      const token = await mint(fake);
      const fields = { captchala_token: token, text: 'hi' };
      let init: RequestInit;
      if (encoding === 'json') init = json(fields);
      else if (encoding === 'urlencoded') init = { method: 'POST', body: new URLSearchParams(fields) };
      else {
        const body = new FormData();
        for (const [key, value] of Object.entries(fields)) body.set(key, value);
        init = { method: 'POST', body };
      }
      const passed = await answer(await fetch(`${url}/comment`, init));
      expect(passed).toMatchObject({
        status: 200,
        body: { passed: true, kind: 'valid', body: { text: 'hi' } },
      });
      const replay = await answer(
        await fetch(
          `${url}/comment`,
          encoding === 'json' ? json(fields) : { method: 'POST', body: new URLSearchParams(fields) },
        ),
      );
      expect(replay).toMatchObject({ status: 403, body: { error: { code: 'token_consumed' } } });
    });
  });
});
