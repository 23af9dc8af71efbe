/**
 * Fuzzing both handlers over real HTTP: random and malformed bodies, odd token prefixes, control characters,
 * prototype keys, lying lengths, over-cap and trickled bodies, cross-site requests. Every answer must be a 4xx
 * JSON `{error: {code, message}}` (a 200 only for what is really valid, an honest 503 only for an unavailable
 * CaptchaLa): never a crash, a 500 or a hang. Seeded, so a failure replays.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { type FakeCaptchala, TEST_APP_KEYS } from '@captchala-kit/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServerTokenHandler, createValidateMiddleware, toNodeHandler } from '../src/index';
import { clientFor, mint, startStandIn } from './helpers';

/** mulberry32: a tiny seeded PRNG. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick, int: (max: number) => Math.floor(next() * max) };
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];
const PREFIXES = ['pt_', 'PT_', 'client_', 'co_', 'offline_', 'dg_', 'sct_', '', 'pt', 'Pt_', 'pt__'];
const ODD = [
  '\u0000',
  '\r\n',
  '\u202e',
  '"><script>',
  '\\',
  '%00',
  '😀',
  ' ',
  '\t',
  '{}',
  '[]',
  'a'.repeat(3000),
];

function tokenLike(r: ReturnType<typeof random>): unknown {
  const text = `${r.pick(PREFIXES)}${r.pick(['abcdef0123', ...ODD])}${r.next() < 0.3 ? r.pick(ODD) : ''}`;
  return r.pick([text, text, [text, text], { token: text }, 12345, null, true, '']);
}

function jsonValue(r: ReturnType<typeof random>, depth = 0): unknown {
  const kind = r.int(depth > 2 ? 4 : 6);
  if (kind === 0) return r.next() * 1e9;
  if (kind === 1) return r.pick(ODD);
  if (kind === 2) return null;
  if (kind === 3) return tokenLike(r);
  if (kind === 4) return Array.from({ length: r.int(4) }, () => jsonValue(r, depth + 1));
  return Object.fromEntries(
    Array.from({ length: r.int(4) }, () => [
      r.pick([...PROTOTYPE_KEYS, 'action', 'captchala_token', 'x']),
      jsonValue(r, depth + 1),
    ]),
  );
}

/** A random request: method, headers and body, in every shape a client (or an attacker) can send. */
function fuzzRequest(r: ReturnType<typeof random>) {
  const fields: Array<[string, string]> = Array.from({ length: r.int(5) }, () => [
    r.pick([...PROTOTYPE_KEYS, 'captchala_token', 'action', 'email']),
    String(tokenLike(r)),
  ]);
  const bodies: Array<[string | undefined, string | Uint8Array<ArrayBuffer>]> = [
    ['application/json', JSON.stringify(jsonValue(r))],
    [
      'application/json',
      `{"__proto__":{"polluted":1},"action":${JSON.stringify(r.pick(['login', '', 'admin']))}}`,
    ],
    ['application/json; charset=utf-8', `{"captchala_token":${JSON.stringify(tokenLike(r))}}`],
    ['application/json', r.pick(['{', '[]', 'null', '"x"', '1', '{"a":', '\u0000'])],
    ['application/x-www-form-urlencoded', new URLSearchParams(fields).toString()],
    ['application/x-www-form-urlencoded', r.pick(['%', '%zz=1', '&&&=', '__proto__[x]=1', 'a=%00'])],
    [
      'multipart/form-data; boundary=xyz',
      `--xyz\r\ncontent-disposition: form-data; name="${r.pick(PROTOTYPE_KEYS)}"\r\n\r\nv\r\n--xyz--\r\n`,
    ],
    ['multipart/form-data', '--nope\r\n'],
    ['text/plain', 'action=login'],
    [undefined, JSON.stringify({ action: 'login', captchala_token: 'client_x' })],
    [
      r.pick(['application/JSON', 'application/vnd+json', 'image/png', '*/*', ';;;', 'x'.repeat(300)]),
      '{"action":"login"}',
    ],
    ['application/json', new Uint8Array(Array.from({ length: r.int(64) }, () => r.int(256)))],
  ];
  const [contentType, body] = r.pick(bodies);
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  if (r.next() < 0.3)
    // fetch refuses control characters in headers (so would any HTTP client): printable ASCII only.
    headers['x-captcha-token'] = [...String(tokenLike(r))].filter((c) => c >= ' ' && c <= '~').join('');
  if (r.next() < 0.3)
    headers['origin'] = r.pick(['https://evil.example', 'null', 'http://127.0.0.1', 'garbage']);
  if (r.next() < 0.3)
    headers['sec-fetch-site'] = r.pick(['cross-site', 'same-site', 'same-origin', 'none', 'x']);
  if (r.next() < 0.2) headers['x-forwarded-for'] = r.pick(['6.6.6.6', 'garbage', ', ,', '::1']);
  return { method: r.pick(['POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH']), headers, body };
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

let fake: FakeCaptchala;
const servers: Record<'token' | 'validate', { url: string; close(): void }> = {} as never;
let reached = 0;

async function listen(listener: Listener) {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

beforeAll(async () => {
  ({ fake } = await startStandIn());
  servers.token = await listen(
    toNodeHandler(
      createServerTokenHandler({
        client: clientFor(fake, { appKey: TEST_APP_KEYS.serverToken }).client,
        actions: ['login'],
        bodyTimeoutMs: 300,
      }),
      { bodyTimeoutMs: 300 },
    ),
  );
  const guard = createValidateMiddleware({
    client: clientFor(fake).client,
    expectedAction: 'login',
    bodyTimeoutMs: 300,
  });
  servers.validate = await listen((req, res) =>
    guard(req, res, () => {
      reached += 1;
      res.end('{"passed":true}');
    }),
  );
});
afterAll(async () => {
  servers.token.close();
  servers.validate.close();
  await fake.close();
});

async function expectJsonError(response: Response, allowed: readonly number[]) {
  const text = await response.text();
  expect(allowed, `status ${response.status}: ${text}`).toContain(response.status);
  if (response.status === 200) return;
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(JSON.parse(text)).toEqual({
    error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) },
  });
}

describe.each(['token', 'validate'] as const)('the %s handler under fuzzing', (name) => {
  test('300 random requests: only 4xx JSON with a code (a 200 only for a real action), never a crash', {
    timeout: 60_000,
  }, async () => {
    const r = random(name === 'token' ? 18 : 1818);
    for (let i = 0; i < 300; i++) {
      const { method, headers, body } = fuzzRequest(r);
      const response = await fetch(servers[name].url, {
        method,
        headers,
        ...(method === 'GET' ? {} : { body }),
      });
      // The server-token endpoint may issue for a well-formed same-origin `{action: "login"}`; no fuzzed token
      // is ever valid.
      await expectJsonError(
        response,
        name === 'token' ? [200, 400, 403, 405, 413, 415] : [400, 403, 405, 413, 415],
      );
    }
    expect(reached).toBe(0);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // Still answering normally afterwards.
    if (name === 'validate') {
      const ok = await fetch(servers.validate.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ captchala_token: await mint(fake) }),
      });
      expect(ok.status).toBe(200);
      reached = 0;
    }
  });

  /** Raw bytes over a socket: what fetch refuses to send (lying lengths, trickles). Resolves the whole answer. */
  function raw(head: string, chunks: string[], gapMs: number): Promise<string> {
    const { port } = new URL(servers[name].url);
    return new Promise((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.on('data', (data) => {
        answer += data.toString('latin1');
      });
      socket.on('close', () => resolve(answer));
      // The server may close while we still write (EPIPE): what it answered is what counts.
      socket.on('error', () => undefined);
      socket.write(head);
      let index = 0;
      const drip = () => {
        // Once the server answered, a client stops sending (writing on would only reset the connection).
        if (index >= chunks.length || socket.destroyed || answer) return;
        socket.write(chunks[index++] as string);
        setTimeout(drip, gapMs);
      };
      drip();
    });
  }

  const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
  const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

  test('a trickled body gets 408 request_timeout and the connection closes', async () => {
    const answer = await raw(
      'POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n',
      Array.from({ length: 40 }, () => ' '),
      50,
    );
    expect(statusOf(answer)).toBe(408);
    expect(bodyOf(answer)).toMatchObject({ error: { code: 'request_timeout' } });
  });

  test('a declared length over the cap: 413 before a byte of the body is read', async () => {
    const answer = await raw(
      'POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 99999999\r\n\r\n',
      ['{'],
      0,
    );
    expect(statusOf(answer)).toBe(413);
    expect(bodyOf(answer)).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  test('a chunked body over the cap (no length declared): 413', async () => {
    const chunk = `${(64 * 1024).toString(16)}\r\n${'a'.repeat(64 * 1024)}\r\n`;
    const answer = await raw(
      'POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n',
      [chunk, chunk, '0\r\n\r\n'],
      20,
    );
    expect(statusOf(answer)).toBe(413);
  });

  test('a client that keeps sending after the 413 gets the answer, then is cut off', {
    timeout: 20_000,
  }, async () => {
    const { port } = new URL(servers[name].url);
    const chunk = `${(256 * 1024).toString(16)}\r\n${'a'.repeat(256 * 1024)}\r\n`;
    const outcome = await new Promise<{ answer: string; written: number }>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      let written = 0;
      socket.on('data', (data) => {
        answer += data.toString('latin1');
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve({ answer, written }));
      socket.write(
        'POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n',
      );
      // 10 MB, as fast as the server takes it: a browser uploading a big form.
      const pump = () => {
        while (!socket.destroyed && written < 10 * 1024 * 1024) {
          written += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
    expect(statusOf(outcome.answer)).toBe(413);
    // Cut off before the 10 MB were through (what was written includes what the kernel still buffered).
    expect(outcome.written).toBeLessThan(10 * 1024 * 1024);
  });

  test('cross-site browser requests: 403 cross_site_request, whatever the body', async () => {
    const crossSite: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ];
    for (const headers of crossSite) {
      const response = await fetch(servers[name].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ action: 'login', captchala_token: await mint(fake) }),
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'cross_site_request' } });
    }
    expect(reached).toBe(0);
  });
});

test('an unavailable CaptchaLa is an honest 503 from both handlers, still JSON', async () => {
  fake.setMode('error_5xx');
  try {
    for (const name of ['token', 'validate'] as const) {
      const response = await fetch(servers[name].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'login', captchala_token: 'pt_0123456789abcdef' }),
      });
      await expectJsonError(response, [503]);
    }
  } finally {
    fake.setMode('ok');
  }
});
