/**
 * Issue 18's attacks on the server side, each played as an attacker would: forged client-only tokens, unbound
 * actions and users, spoiled forwarding headers, lost peers, a minting oracle, lax bodies, slow upstreams.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeCaptchala, TEST_APP_KEYS } from '@captchala-kit/testing';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  type CaptchalaRequest,
  createServerTokenHandler,
  createValidateMiddleware,
  getClientIp,
  type ServerTokenHandlerOptions,
  toNodeHandler,
  type ValidateMiddlewareOptions,
} from '../src/index';
import { clientFor, mint, scriptedFetch, startStandIn } from './helpers';

let fake: FakeCaptchala;
beforeAll(async () => {
  ({ fake } = await startStandIn());
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

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

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as any };
}

/** A guarded route: the handler behind the middleware records what reached it. */
function guardedRoute(options: Partial<ValidateMiddlewareOptions> = {}) {
  const reached: CaptchalaRequest[] = [];
  const middleware = createValidateMiddleware({
    client: clientFor(fake).client,
    expectedAction: 'login',
    ...options,
  });
  const listener: Listener = (req, res) =>
    middleware(req, res, (error) => {
      if (error) throw error;
      reached.push(req as CaptchalaRequest);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ passed: true }));
    });
  return { listener, reached };
}

describe('1. forged client-only tokens', () => {
  test.each(['client_x', 'co_1', 'client_0123456789abcdef'])(
    'validate(%j) is refused as client_only_token, nothing sent upstream',
    async (token) => {
      const { fetch, calls } = scriptedFetch();
      const { client, diagnostics } = clientFor(fake, { fetch });
      expect(await client.validate(token, { expectedAction: 'login' })).toMatchObject({
        valid: false,
        kind: 'invalid',
        reason: 'client_only_token',
      });
      expect(await client.validate(token)).toMatchObject({ valid: false, reason: 'client_only_token' });
      expect(calls).toHaveLength(0);
      expect(diagnostics.at(-1)).toMatchObject({ reason: 'client_only_token', attempts: 0, endpoint: null });
    },
  );

  test('the middleware refuses captchala_token=client_x and X-Captcha-Token: client_1', async () => {
    const { listener, reached } = guardedRoute();
    await serve(listener, async (url) => {
      const field = await answer(
        await fetch(url, { method: 'POST', body: new URLSearchParams({ captchala_token: 'client_x' }) }),
      );
      expect(field).toMatchObject({ status: 403, body: { error: { code: 'client_only_token' } } });
      const header = await answer(await fetch(url, json({ text: 'hi' }, { 'x-captcha-token': 'client_1' })));
      expect(header).toMatchObject({ status: 403, body: { error: { code: 'client_only_token' } } });
    });
    expect(reached).toHaveLength(0);
  });

  test('acceptClientOnly: true lets them in, never as offline, and action and uid binding still apply', async () => {
    const { client } = clientFor(fake);
    expect(await client.validate('client_x', { acceptClientOnly: true })).toMatchObject({
      valid: true,
      clientOnly: true,
      offline: false,
      warning: expect.stringMatching(/cannot be verified/),
    });
    // A client-only token carries no action or uid anybody vouches for: an expectation cannot be met.
    expect(
      await client.validate('client_x', { acceptClientOnly: true, expectedAction: 'login' }),
    ).toMatchObject({ valid: false, kind: 'invalid', reason: 'token_action_mismatch' });
    expect(await client.validate('co_1', { acceptClientOnly: true, expectedUid: 'u_1' })).toMatchObject({
      valid: false,
      reason: 'token_uid_mismatch',
    });
  });

  test('only the literal true opts in', async () => {
    const { client } = clientFor(fake);
    await expect(client.validate('client_x', { acceptClientOnly: 'yes' as never })).rejects.toThrow(
      /acceptClientOnly/,
    );
    expect(() =>
      createValidateMiddleware({ client, expectedAction: 'login', acceptClientOnly: 1 as never }),
    ).toThrow(/acceptClientOnly/);
  });
});

describe('2. action and user binding by default', () => {
  test('a middleware without expectedAction is a programmer error; null accepts any action', async () => {
    const { client } = clientFor(fake);
    expect(() => createValidateMiddleware({ client } as never)).toThrow(/expectedAction/);
    const { listener, reached } = guardedRoute({ expectedAction: null });
    await serve(listener, async (url) => {
      const response = await fetch(url, json({ captchala_token: await mint(fake, { action: 'pay' }) }));
      expect(response.status).toBe(200);
    });
    expect(reached).toHaveLength(1);
  });

  test('expectedUid(request): a token bound to another user, or to none, is refused', async () => {
    const { client } = clientFor(fake, { appKey: TEST_APP_KEYS.serverToken });
    const boundTo = async (uid: string) => {
      const issued = await client.issueServerToken({ action: 'login', bindUid: uid });
      if (!issued.ok) throw new Error(issued.message);
      return mint(fake, { appKey: TEST_APP_KEYS.serverToken, serverToken: issued.serverToken });
    };
    const { listener, reached } = guardedRoute({
      client,
      expectedUid: (req) => (req.headers['x-user'] as string | undefined) ?? null,
    });
    await serve(listener, async (url) => {
      const other = await fetch(url, json({ captchala_token: await boundTo('u_7') }, { 'x-user': 'u_42' }));
      expect(await answer(other)).toMatchObject({
        status: 403,
        body: { error: { code: 'token_uid_mismatch' } },
      });
      // Anonymous request, token bound to somebody: refused too.
      const anonymous = await fetch(url, json({ captchala_token: await boundTo('u_42') }));
      expect(await answer(anonymous)).toMatchObject({
        status: 403,
        body: { error: { code: 'token_uid_mismatch' } },
      });
      const own = await fetch(url, json({ captchala_token: await boundTo('u_42') }, { 'x-user': 'u_42' }));
      expect(own.status).toBe(200);
    });
    expect(reached).toHaveLength(1);
  });
});

describe('3. IP binding never fails open', () => {
  test.each([
    ['a repeated for= in the client element', 'for=6.6.6.6;for=7.7.7.7, for=198.51.100.7'],
    ['an unterminated quote in the client element', 'for="6.6.6.6, for=198.51.100.7'],
    ['garbage in the client element', 'for=(((, for=198.51.100.7'],
  ])('Forwarded: %s cannot spoil the proxy element', (_name, forwarded) => {
    const request = new Request('http://app.test/', { headers: { forwarded } });
    expect(
      getClientIp(request, { trustProxy: 1, forwardedHeader: 'forwarded', remoteAddress: '10.0.0.2' }),
    ).toEqual({ ip: '198.51.100.7', source: 'forwarded' });
  });

  test('binding asked for but no IP established: no server token is issued', async () => {
    const issue = vi.fn();
    const handler = createServerTokenHandler({
      client: { issueServerToken: issue },
      actions: ['login'],
      bindTo: (request) => ({
        ip: getClientIp(request, { trustProxy: 1, forwardedHeader: 'forwarded', remoteAddress: '10.0.0.2' })
          .ip,
      }),
    });
    const response = await handler(
      new Request('http://app.test/', {
        method: 'POST',
        headers: { 'content-type': 'application/json', forwarded: 'for=unknown' },
        body: '{"action":"login"}',
      }),
    );
    expect(await answer(response)).toMatchObject({
      status: 400,
      body: { error: { code: 'binding_unavailable' } },
    });
    expect(issue).not.toHaveBeenCalled();
  });

  test('validate with a clientIp that could not be established refuses, without a call', async () => {
    const { fetch, calls } = scriptedFetch();
    const { client } = clientFor(fake, { fetch });
    const token = await mint(fake);
    for (const clientIp of [{ ip: null, source: 'forwarded' as const }, '']) {
      expect(await client.validate(token, { clientIp, keepToken: true })).toMatchObject({
        valid: false,
        kind: 'invalid',
        reason: 'client_ip_unknown',
      });
    }
    expect(calls).toHaveLength(0);
  });
});

describe('4. Node handlers keep the socket peer', () => {
  test('getClientIp inside toNodeHandler: socket mode, and CIDR mode over a real proxy hop', async () => {
    const seen: unknown[] = [];
    const handler = toNodeHandler(async (request) => {
      seen.push(getClientIp(request));
      seen.push(getClientIp(request, { trustProxy: ['127.0.0.1'] }));
      return Response.json({});
    });
    await serve(handler, async (url) => {
      await fetch(url, { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.9' } });
    });
    expect(seen).toEqual([
      { ip: '127.0.0.1', source: 'socket' },
      { ip: '203.0.113.9', source: 'x-forwarded-for' },
    ]);
  });

  test("with no proxy, a client's X-Forwarded-For never decides the binding", async () => {
    const handler = createServerTokenHandler({
      client: clientFor(fake, { appKey: TEST_APP_KEYS.serverToken }).client,
      actions: ['login'],
      bindTo: (request) => ({ ip: getClientIp(request).ip }),
    });
    await serve(toNodeHandler(handler), async (url) => {
      const response = await fetch(url, json({ action: 'login' }, { 'x-forwarded-for': '6.6.6.6' }));
      expect(response.status).toBe(200);
    });
    expect(fake.inspect().serverTokens[0]).toMatchObject({ bindIp: '127.0.0.1' });
  });
});

describe('5. the server-token endpoint is no minting oracle', () => {
  const handlerWith = (options: Partial<ServerTokenHandlerOptions> = {}) =>
    createServerTokenHandler({
      client: clientFor(fake, { appKey: TEST_APP_KEYS.serverToken }).client,
      actions: ['login'],
      ...options,
    });
  const post = (init: RequestInit) => new Request('http://app.test/api/server-token', init);

  test.each([
    ['urlencoded', { body: new URLSearchParams({ action: 'login' }) }],
    ['multipart', { body: formOf({ action: 'login' }) }],
    ['text/plain', { headers: { 'content-type': 'text/plain' }, body: '{"action":"login"}' }],
    ['no content type', { body: new Blob(['{"action":"login"}']) }],
  ])('%s (no CORS preflight) → 415, nothing minted', async (_name, init) => {
    const response = await handlerWith()(post({ method: 'POST', ...init }));
    expect(await answer(response)).toMatchObject({
      status: 415,
      body: { error: { code: 'unsupported_media_type' } },
    });
    expect(fake.inspect().serverTokens).toHaveLength(0);
  });

  test.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site', origin: 'https://blog.app.test' }],
    ['an Origin of another host (older browsers)', { origin: 'https://evil.example' }],
    ['Origin: null (a sandboxed frame)', { origin: 'null' }],
  ])('%s → 403 cross_site_request, nothing minted', async (_name, headers) => {
    const response = await handlerWith()(post(json({ action: 'login' }, headers)));
    expect(await answer(response)).toMatchObject({
      status: 403,
      body: { error: { code: 'cross_site_request' } },
    });
    expect(fake.inspect().serverTokens).toHaveLength(0);
  });

  test('same-origin browsers, non-browser clients and allow-listed origins are served', async () => {
    const handler = handlerWith({ allowedOrigins: ['https://www.app.test'] });
    const cases: Record<string, string>[] = [
      { 'sec-fetch-site': 'same-origin', origin: 'http://app.test' },
      // Behind a TLS-terminating proxy the request URL is http, the page https: the host decides.
      { origin: 'https://app.test' },
      {},
      { 'sec-fetch-site': 'same-site', origin: 'https://www.app.test' },
    ];
    for (const headers of cases) {
      expect((await handler(post(json({ action: 'login' }, headers)))).status).toBe(200);
    }
    expect(fake.inspect().serverTokens).toHaveLength(cases.length);
  });

  test('ttl and maxUses are bounded whole numbers; maxUses defaults to 3, as the official plugins use', async () => {
    const { client } = clientFor(fake, { appKey: TEST_APP_KEYS.serverToken });
    for (const bad of [{ ttl: Infinity }, { ttl: 0.5 }, { maxUses: 0.5 }, { maxUses: 1e9 }, { ttl: -1 }]) {
      expect(() => createServerTokenHandler({ client, actions: ['login'], ...bad })).toThrow(TypeError);
      await expect(client.issueServerToken({ action: 'login', ...bad })).rejects.toThrow(TypeError);
    }
    await handlerWith()(post(json({ action: 'login' })));
    expect(fake.inspect().serverTokens[0]).toMatchObject({ maxUses: 3 });
  });

  test('beforeIssue(request) may refuse (the site rate limit); 50 anonymous mints cost CaptchaLa 5 calls', async () => {
    const perIp = new Map<string, number>();
    const handler = handlerWith({
      beforeIssue: (request) => {
        const ip = request.headers.get('x-test-ip') ?? '';
        const count = (perIp.get(ip) ?? 0) + 1;
        perIp.set(ip, count);
        return count > 5
          ? Response.json({ error: { code: 'rate_limited', message: 'slow down' } }, { status: 429 })
          : undefined;
      },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      statuses.push((await handler(post(json({ action: 'login' }, { 'x-test-ip': '6.6.6.6' })))).status);
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(45);
    expect(fake.inspect().serverTokens).toHaveLength(5);
  });
});

describe('6. lax bodies', () => {
  test('a body without a content type is 415, not JSON (it needs no CORS preflight)', async () => {
    const { listener, reached } = guardedRoute();
    await serve(listener, async (url) => {
      const body = new Blob([JSON.stringify({ captchala_token: await mint(fake) })]);
      const response = await answer(await fetch(url, { method: 'POST', body }));
      expect(response).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
    });
    expect(reached).toHaveLength(0);
  });

  test('__proto__, constructor and hasOwnProperty fields are plain data', async () => {
    const { listener, reached } = guardedRoute();
    await serve(listener, async (url) => {
      const form = new URLSearchParams({ captchala_token: await mint(fake) });
      for (const name of ['__proto__', '__proto__', 'constructor', 'hasOwnProperty', 'toString'])
        form.append(name, 'x');
      expect((await fetch(url, { method: 'POST', body: form })).status).toBe(200);
      const raw = `{"__proto__":{"polluted":1},"captchala_token":${JSON.stringify(await mint(fake))}}`;
      const response = await fetch(url, { ...json({}), body: raw });
      expect(response.status).toBe(200);
    });
    const [form, fromJson] = reached.map((req) => req.body as Record<string, unknown>);
    expect(Object.getPrototypeOf(form)).toBeNull();
    expect(form).toMatchObject({ __proto__: ['x', 'x'], constructor: 'x', hasOwnProperty: 'x' });
    expect(Object.getPrototypeOf(fromJson)).toBeNull();
    expect(Object.hasOwn(fromJson as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('7. slow upstreams do not pin requests', () => {
  test('one overall deadline bounds validate, retries included', async () => {
    fake.setMode('hang');
    const { client } = clientFor(fake, { timeoutMs: 60_000, retries: 5, deadlineMs: 300 });
    expect(await client.validate(await mint(fake))).toMatchObject({
      valid: false,
      kind: 'unavailable',
      reason: 'timeout',
    });
    fake.setMode('ok');
  });

  test('a client that goes away aborts the upstream call, and the guarded handler never runs', async () => {
    fake.setMode('hang');
    const upstream: AbortSignal[] = [];
    const { fetch: recording } = scriptedFetch((call, real) => {
      if (call.signal) upstream.push(call.signal);
      return real();
    });
    const settled: string[] = [];
    const { listener, reached } = guardedRoute({
      client: clientFor(fake, {
        fetch: recording,
        timeoutMs: 60_000,
        onDiagnostic: (diagnostic) => settled.push(String(diagnostic.reason)),
      }).client,
    });
    await serve(listener, async (url) => {
      const controller = new AbortController();
      const pending = fetch(url, {
        ...json({ captchala_token: await mint(fake) }),
        signal: controller.signal,
      });
      await vi.waitFor(() => expect(upstream).toHaveLength(1));
      controller.abort();
      await expect(pending).rejects.toThrow();
      await vi.waitFor(() => expect(settled).toEqual(['aborted']));
    });
    expect(upstream[0]?.aborted).toBe(true);
    expect(reached).toHaveLength(0);
    fake.setMode('ok');
  });
});

describe('Express: the same defences', () => {
  test('client_ tokens and typeless bodies are refused behind express.urlencoded()', async () => {
    const app = express();
    app.post(
      '/login',
      express.urlencoded({ extended: false }),
      createValidateMiddleware({ client: clientFor(fake).client, expectedAction: 'login' }),
      (_req, res) => res.json({ passed: true }),
    );
    await serve(app, async (url) => {
      const response = await fetch(`${url}/login`, {
        method: 'POST',
        body: new URLSearchParams({ captchala_token: 'client_x' }),
      });
      expect(await answer(response)).toMatchObject({
        status: 403,
        body: { error: { code: 'client_only_token' } },
      });
    });
  });
});
