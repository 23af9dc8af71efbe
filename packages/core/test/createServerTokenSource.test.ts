import { describe, expect, test, vi } from 'vitest';
import { createServerTokenSource } from '../src/createServerTokenSource';

const now = () => 1_000_000;
const signal = new AbortController().signal;
const respond =
  (body: BodyInit | null, init: ResponseInit = {}) =>
  async () =>
    new Response(body, init);

function urlSource(fetch: typeof globalThis.fetch) {
  return createServerTokenSource({ action: 'login', serverTokenUrl: '/api/sct', now, fetch, setTimeout });
}

describe('createServerTokenSource', () => {
  test('URL: POSTs {action} as JSON and reads {server_token, expires_in}', async () => {
    let seen: RequestInit | undefined;
    const source = urlSource(async (_url, init) => {
      seen = init;
      return Response.json({ server_token: 'sct_abc', expires_in: 60 });
    });
    expect(source.refreshable).toBe(true);
    await expect(source.fetch({ signal })).resolves.toEqual({
      token: 'sct_abc',
      receivedAt: 1_000_000,
      expiresAt: 1_060_000,
    });
    expect(seen?.method).toBe('POST');
    expect(JSON.parse(String(seen?.body))).toEqual({ action: 'login' });
  });

  test('URL: also accepts the API envelope {data:{server_token}} and defaults expires_in to 300 s', async () => {
    const source = urlSource(respond(JSON.stringify({ code: 0, data: { server_token: 'sct_x' } })));
    await expect(source.fetch({ signal })).resolves.toMatchObject({ token: 'sct_x', expiresAt: 1_300_000 });
  });

  test.each([
    ['HTTP 500', respond('oops', { status: 500 }), /HTTP 500/],
    ['HTML instead of JSON', respond('<html>login</html>'), /did not answer JSON/],
    ['JSON without a token', respond(JSON.stringify({ ok: true })), /gave no server token/],
    ['an empty token', respond(JSON.stringify({ server_token: '  ' })), /gave no server token/],
    [
      'a network failure',
      async () => {
        throw new TypeError('Failed to fetch');
      },
      /failed \(TypeError: Failed to fetch\)/,
    ],
  ])('URL: %s is server_token_fetch_failed', async (_name, fetch, message) => {
    const error = await urlSource(fetch as typeof globalThis.fetch)
      .fetch({ signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'server_token_fetch_failed', refreshable: false });
    expect((error as Error).message).toMatch(message);
  });

  test('provider: string or {serverToken, expiresIn}; throwing or garbage is server_token_fetch_failed', async () => {
    const make = (provider: () => Promise<unknown>) =>
      createServerTokenSource({
        action: 'login',
        serverTokenProvider: provider as never,
        now,
        setTimeout,
        fetch: globalThis.fetch,
      });
    await expect(make(async () => 'sct_1').fetch({ signal })).resolves.toMatchObject({
      token: 'sct_1',
      expiresAt: 1_300_000,
    });
    await expect(
      make(async () => ({ serverToken: 'sct_2', expiresIn: 10 })).fetch({ signal }),
    ).resolves.toMatchObject({
      token: 'sct_2',
      expiresAt: 1_010_000,
    });
    await expect(
      make(async () => {
        throw new Error('backend down');
      }).fetch({ signal }),
    ).rejects.toMatchObject({
      code: 'server_token_fetch_failed',
      message: expect.stringContaining('backend down'),
    });
    await expect(make(async () => 42).fetch({ signal })).rejects.toMatchObject({
      code: 'server_token_fetch_failed',
    });
  });

  test('garbage holding whole sct_/pt_ tokens: server_token_fetch_failed shows their prefixes only', async () => {
    const sct = `sct_${'0123456789abcdef'.repeat(2)}`;
    const pt = `pt_${'fedcba9876543210'.repeat(2)}`;
    const garbage = { token: sct, last_pass: pt };
    const failures = await Promise.all([
      urlSource(respond(JSON.stringify(garbage)))
        .fetch({ signal })
        .catch((e: unknown) => e),
      createServerTokenSource({
        action: 'login',
        serverTokenProvider: async () => garbage as never,
        now,
        setTimeout,
        fetch: globalThis.fetch,
      })
        .fetch({ signal })
        .catch((e: unknown) => e),
    ]);
    for (const error of failures) {
      expect(error).toMatchObject({ code: 'server_token_fetch_failed' });
      const { message } = error as Error;
      expect(message).toContain('{"token":"sct_0123…","last_pass":"pt_fedcb…"}');
      for (const token of [sct, pt]) expect(message).not.toContain(token.slice(0, 9));
    }
  });

  test('static token and none', async () => {
    const fixed = createServerTokenSource({
      action: 'a',
      serverToken: 'sct_s',
      now,
      setTimeout,
      fetch: globalThis.fetch,
    });
    expect(fixed.refreshable).toBe(false);
    expect((await fixed.fetch({ signal }))?.token).toBe('sct_s');
    const none = createServerTokenSource({ action: 'a', now, setTimeout, fetch: globalThis.fetch });
    await expect(none.fetch({ signal })).resolves.toBeUndefined();
  });

  test('a provider that keeps answering stale tokens fails after 3 tries, never a loop', async () => {
    vi.useFakeTimers();
    try {
      const provider = vi.fn(async () => ({ serverToken: 'sct_short', expiresIn: 2 }));
      const source = createServerTokenSource({
        action: 'login',
        serverTokenProvider: provider,
        now,
        setTimeout,
        fetch: globalThis.fetch,
      });
      const outcome = source.fetch({ signal }).catch((e: unknown) => e);
      await vi.runAllTimersAsync();
      expect(await outcome).toMatchObject({
        code: 'server_token_fetch_failed',
        message: expect.stringMatching(/expire within 5 s \(3 tries\)/),
      });
      expect(provider).toHaveBeenCalledTimes(3);
      // A stated lifetime of 0 is stale too, never silently the 300 s default.
      provider.mockImplementation(async () => ({ serverToken: 'sct_zero', expiresIn: 0 }));
      const zero = source.fetch({ signal }).catch((e: unknown) => e);
      await vi.runAllTimersAsync();
      expect(await zero).toMatchObject({ code: 'server_token_fetch_failed' });
    } finally {
      vi.useRealTimers();
    }
  });

  test('one stale answer then a good one: the good one, after a short pause', async () => {
    const answers = [
      { serverToken: 'sct_old', expiresIn: 1 },
      { serverToken: 'sct_new', expiresIn: 60 },
    ];
    const source = createServerTokenSource({
      action: 'login',
      serverTokenProvider: async () => answers.shift()!,
      now,
      setTimeout,
      fetch: globalThis.fetch,
    });
    await expect(source.fetch({ signal })).resolves.toMatchObject({ token: 'sct_new' });
  });
});

describe('the fresh-token module, loaded on demand', () => {
  test('a static token or none never loads it', async () => {
    vi.resetModules();
    const loaded = vi.fn();
    vi.doMock('../src/createFreshServerTokenSource', () => {
      loaded();
      return {};
    });
    const { createServerTokenSource: create } = await import('../src/createServerTokenSource');
    await create({ action: 'a', serverToken: 'sct_static', now, fetch, setTimeout }).fetch({ signal });
    await create({ action: 'a', now, fetch, setTimeout }).fetch({ signal });
    await vi.dynamicImportSettled();
    expect(loaded).not.toHaveBeenCalled();
    vi.doUnmock('../src/createFreshServerTokenSource');
  });

  test('when it cannot load: server_token_fetch_failed, and the next fetch loads it again', async () => {
    vi.resetModules();
    vi.doMock('../src/createFreshServerTokenSource', () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    const { createServerTokenSource: create } = await import('../src/createServerTokenSource');
    const source = create({
      action: 'login',
      serverTokenProvider: async () => 'sct_after',
      now,
      fetch,
      setTimeout,
    });
    await expect(source.fetch({ signal })).rejects.toMatchObject({
      code: 'server_token_fetch_failed',
      message: expect.stringMatching(/server-token module did not load/),
    });
    vi.doUnmock('../src/createFreshServerTokenSource');
    vi.resetModules();
    await expect(source.fetch({ signal })).resolves.toMatchObject({ token: 'sct_after' });
  });
});
