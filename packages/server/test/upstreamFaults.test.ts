/**
 * A hostile or broken CaptchaLa, over real HTTP: whatever it does, a token is never accepted on its word, the
 * answer comes within the deadline, and the secret goes nowhere else.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { CaptchalaClient } from '../src/index';
import { SECRET } from './helpers';

type Behave = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server on 127.0.0.1 that records the secret header of every request it gets. */
async function upstream(behave: Behave) {
  const secrets: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    secrets.push(req.headers['x-app-secret'] as string | undefined);
    req.resume();
    req.on('end', () => behave(req, res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, secrets };
}

const validJson = JSON.stringify({ code: 0, msg: 'ok', data: { valid: true, action: 'login' } });

type ClientOptions = Partial<ConstructorParameters<typeof CaptchalaClient>[0]>;

// On Node the client talks over node:http by default; with a `fetch` given, through it (fetch runtimes' path).
describe.each<[string, ClientOptions]>([
  ['node:http (the default on Node)', {}],
  ['fetch', { fetch: (input, init) => globalThis.fetch(input, init) }],
])('over %s, a hostile upstream never gets a token accepted', (_transport, transport) => {
  const clientOf = (baseUrl: string, options: ClientOptions = {}) =>
    new CaptchalaClient({
      appKey: 'app_k',
      appSecret: SECRET,
      baseUrl,
      retries: 1,
      ...transport,
      ...options,
    });

  test('a redirect is not followed: the secret never reaches its target', async () => {
    const target = await upstream((_req, res) => res.end(validJson));
    const api = await upstream((_req, res) => {
      res.writeHead(307, { location: `${target.url}/v1/validate` });
      res.end();
    });
    expect(await clientOf(api.url).validate('pt_abcdef')).toMatchObject({
      valid: false,
      kind: 'misconfigured',
      reason: 'unexpected_redirect',
    });
    expect(target.secrets).toEqual([]);
  });

  test('a 5 MB answer is cut at the cap and is no verdict', async () => {
    const api = await upstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"code":0,"msg":"ok","data":{"valid":true,"pad":"${'a'.repeat(5 * 1024 * 1024)}"}}`);
    });
    expect(await clientOf(api.url, { retries: 0 }).validate('pt_abcdef')).toMatchObject({
      valid: false,
      kind: 'unavailable',
      reason: 'bad_response',
    });
  });

  test.each<[string, Behave, string]>([
    ['garbage bytes', (_req, res) => res.end('\u0000\u00ff<html>valid</html>'), 'bad_response'],
    ['a JSON without the envelope', (_req, res) => res.end('{"valid":true}'), 'bad_response'],
    [
      'a 5xx every time',
      (_req, res) => {
        res.statusCode = 502;
        res.end(validJson);
      },
      'provider_error',
    ],
    ['a reset mid-answer', (_req, res) => res.socket?.destroy(), 'network_error'],
  ])('%s → unavailable (%s), never valid', async (_name, behave, reason) => {
    const api = await upstream(behave);
    expect(await clientOf(api.url).validate('pt_abcdef')).toMatchObject({
      valid: false,
      kind: 'unavailable',
      reason,
    });
  });

  test('a silent upstream: unavailable within the deadline, however many retries', async () => {
    const api = await upstream(() => undefined);
    const client = clientOf(api.url, { timeoutMs: 60_000, retries: 5, deadlineMs: 250 });
    expect(await client.validate('pt_abcdef')).toMatchObject({
      valid: false,
      kind: 'unavailable',
      reason: 'timeout',
    });
    expect(api.secrets).toHaveLength(1);
  });
});

test('on Node the default transport is node:http: the global fetch is never called', async () => {
  const api = await upstream((_req, res) =>
    res.end(JSON.stringify({ code: 0, msg: 'ok', data: { valid: true } })),
  );
  const spy = vi.spyOn(globalThis, 'fetch');
  try {
    const client = new CaptchalaClient({ appKey: 'app_k', appSecret: SECRET, baseUrl: api.url });
    expect(await client.validate('pt_abcdef')).toMatchObject({ valid: true });
    expect(spy).not.toHaveBeenCalled();
    expect(api.secrets).toEqual([SECRET]);
  } finally {
    spy.mockRestore();
  }
});
