import { type FakeCaptchala, TEST_APP_KEYS } from '@captchala-kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { getClientIp, type ValidationDiagnostic } from '../src/index';
import { clientFor, mint, networkError, SECRET, scriptedFetch, startStandIn } from './helpers';

let fake: FakeCaptchala;
let clock: { now: number };

beforeAll(async () => {
  ({ fake, clock } = await startStandIn());
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  clock.now = Date.now();
});

const lastDiagnostic = (diagnostics: unknown[]) => diagnostics.at(-1) as ValidationDiagnostic;

describe('valid tokens', () => {
  test('a pt_ token validates once with action, challenge id and solve context; a replay is token_consumed', async () => {
    const { client, diagnostics } = clientFor(fake);
    const token = await mint(fake, { action: 'signup' });
    const result = await client.validate(token, { expectedAction: 'signup' });
    expect(result).toMatchObject({
      valid: true,
      kind: 'valid',
      action: 'signup',
      uid: null,
      offline: false,
      clientOnly: false,
      warning: null,
    });
    if (!result.valid) throw new Error('unreachable');
    expect(result.challengeId).toMatch(/^ch_/);
    expect(result.captchaArgs).toMatchObject({ platform: 'web', user_ip: '127.0.0.1' });
    expect(lastDiagnostic(diagnostics)).toMatchObject({ kind: 'valid', level: 'info', statusCode: 200 });

    const replay = await client.validate(token);
    expect(replay).toMatchObject({
      valid: false,
      kind: 'invalid',
      reason: 'token_consumed',
      degraded: false,
    });
    if (replay.valid) throw new Error('unreachable');
    expect(replay.message).toMatch(/^token_consumed: .*single-use/);
  });

  test('the request is contract §5a: headers, {pass_token, keep_token}, client_ip only when given', async () => {
    const { fetch, calls } = scriptedFetch();
    const { client } = clientFor(fake, { fetch });
    await client.validate(await mint(fake));
    expect(calls[0]?.url).toBe(`${fake.apiUrl}/v1/validate`);
    expect(calls[0]?.headers).toMatchObject({
      'x-app-key': TEST_APP_KEYS.pass,
      'x-app-secret': SECRET,
      'content-type': 'application/json',
    });
    expect(Object.keys(calls[0]?.body ?? {}).sort()).toEqual(['keep_token', 'pass_token']);
    expect(calls[0]?.body['keep_token']).toBe(false);
    await client.validate(await mint(fake), { clientIp: '203.0.113.7' });
    expect(calls[1]?.body).toMatchObject({ client_ip: '203.0.113.7' });
  });

  test('keepToken validates without consuming', async () => {
    const { client } = clientFor(fake);
    const token = await mint(fake);
    expect((await client.validate(token, { keepToken: true })).valid).toBe(true);
    expect((await client.validate(token)).valid).toBe(true);
    expect(fake.inspect().validations.map((v) => v.keepToken)).toEqual([true, false]);
  });

  test('the token age comes from captcha_args.solved_at', async () => {
    const { client, diagnostics } = clientFor(fake);
    const token = await mint(fake);
    clock.now += 42_000;
    await client.validate(token);
    const age = lastDiagnostic(diagnostics).tokenAgeMs ?? 0;
    // solved_at is in whole seconds, so the age can read up to a second more.
    expect(age).toBeGreaterThanOrEqual(Date.now() - clock.now + 42_000 - 1000);
    expect(age).toBeLessThan(Date.now() - clock.now + 42_000 + 2000);
  });
});

describe('invalid tokens: the provider says why', () => {
  test('token_expired', async () => {
    const { client } = clientFor(fake);
    const token = await mint(fake, { appKey: 'test_ttl_30' });
    clock.now += 30_000;
    const { client: ttlClient } = clientFor(fake, { appKey: 'test_ttl_30' });
    expect(await ttlClient.validate(token)).toMatchObject({ kind: 'invalid', reason: 'token_expired' });
    expect(await client.validate(await mint(fake))).toMatchObject({ valid: true });
  });

  test('token_action_mismatch is computed from data.action and expectedAction', async () => {
    const { client, diagnostics } = clientFor(fake);
    const result = await client.validate(await mint(fake, { action: 'comment' }), {
      expectedAction: 'login',
    });
    expect(result).toMatchObject({ valid: false, kind: 'invalid', reason: 'token_action_mismatch' });
    if (result.valid) throw new Error('unreachable');
    expect(result.message).toContain('solved for "comment", expected "login"');
    expect(lastDiagnostic(diagnostics)).toMatchObject({ action: 'comment', expectedAction: 'login' });
  });

  test('token_uid_mismatch against a server token bound to a uid', async () => {
    const { client } = clientFor(fake);
    const issued = await client.issueServerToken({ action: 'login', bindUid: 'user-42' });
    if (!issued.ok) throw new Error(issued.message);
    const token = await mint(fake, { serverToken: issued.serverToken });
    expect(await client.validate(token, { expectedUid: 'user-7', keepToken: true })).toMatchObject({
      reason: 'token_uid_mismatch',
    });
    expect(await client.validate(token, { expectedUid: 'user-42' })).toMatchObject({
      valid: true,
      uid: 'user-42',
    });
  });

  test('token_ip_mismatch when the caller passes another client IP; its source lands in the diagnostic', async () => {
    const { client, diagnostics } = clientFor(fake);
    const issued = await client.issueServerToken({ action: 'login', bindIp: '127.0.0.1' });
    if (!issued.ok) throw new Error(issued.message);
    const token = await mint(fake, { serverToken: issued.serverToken });
    const clientIp = getClientIp(
      { headers: { 'x-forwarded-for': '198.51.100.9' }, socket: { remoteAddress: '10.0.0.2' } },
      { trustProxy: 1 },
    );
    expect(await client.validate(token, { clientIp, keepToken: true })).toMatchObject({
      kind: 'invalid',
      reason: 'token_ip_mismatch',
    });
    expect(lastDiagnostic(diagnostics).clientIpSource).toBe('x-forwarded-for');
    // Without client_ip there is no IP gate (contract §5a: not a hard gate by default).
    expect(await client.validate(token)).toMatchObject({ valid: true });
  });

  test('invalid_token for an unknown token and for a token of another app', async () => {
    const { client } = clientFor(fake);
    expect(await client.validate('pt_0123456789abcdef')).toMatchObject({
      kind: 'invalid',
      reason: 'invalid_token',
    });
    const other = await mint(fake, { appKey: TEST_APP_KEYS.autoPass });
    expect(await client.validate(other)).toMatchObject({ kind: 'invalid', reason: 'invalid_token' });
  });
});

describe('token prefixes', () => {
  test('offline_ tokens validate at the fallback URL, with the same body and headers', async () => {
    const { fetch, calls } = scriptedFetch();
    const { client, diagnostics } = clientFor(fake, { appKey: TEST_APP_KEYS.offline, fetch });
    const token = await mint(fake, { appKey: TEST_APP_KEYS.offline });
    expect(token).toMatch(/^offline_/);
    expect(await client.validate(token)).toMatchObject({ valid: true, offline: true, clientOnly: false });
    expect(calls[0]?.url).toBe(`${fake.url}/fallback/api/validate`);
    expect(calls[0]?.headers).toMatchObject({ 'x-app-key': TEST_APP_KEYS.offline, 'x-app-secret': SECRET });
    expect(lastDiagnostic(diagnostics).endpoint).toBe('fallback');
    expect(fake.inspect().validations.at(-1)).toMatchObject({ endpoint: 'fallback', valid: true });
  });

  test.each(['client_', 'co_'])(
    '%s tokens are refused as client_only_token, without any call, even from a client_-minting app',
    async (prefix) => {
      const { fetch, calls } = scriptedFetch();
      const { client, diagnostics } = clientFor(fake, { appKey: TEST_APP_KEYS.clientOnly, fetch });
      const token =
        prefix === 'client_' ? await mint(fake, { appKey: TEST_APP_KEYS.clientOnly }) : 'co_5e1f00aa';
      expect(token.startsWith(prefix)).toBe(true);
      expect(await client.validate(token)).toMatchObject({
        valid: false,
        kind: 'invalid',
        reason: 'client_only_token',
      });
      expect(await client.validate(token, { acceptClientOnly: true })).toMatchObject({
        valid: true,
        clientOnly: true,
        offline: false,
        action: null,
      });
      expect(calls).toHaveLength(0);
      expect(lastDiagnostic(diagnostics)).toMatchObject({ level: 'warn', attempts: 0, endpoint: null });
      expect(lastDiagnostic(diagnostics).warning).toMatch(/cannot be verified server-side/);
    },
  );

  test('dg_ tokens: degraded, never valid, and never an invalid token', async () => {
    const { client, diagnostics } = clientFor(fake, { appKey: TEST_APP_KEYS.degraded });
    const token = await mint(fake, { appKey: TEST_APP_KEYS.degraded });
    expect(token).toMatch(/^dg_/);
    expect(await client.validate(token)).toMatchObject({
      valid: false,
      kind: 'unavailable',
      reason: 'quota_exhausted',
      degraded: true,
    });
    expect(lastDiagnostic(diagnostics)).toMatchObject({ degraded: true, level: 'warn' });
  });
});

describe('malformed input: no call at all', () => {
  test.each([
    ['', 'empty_token'],
    [undefined, 'empty_token'],
    [null, 'empty_token'],
    [12345, 'not_a_string'],
    [['pt_a', 'pt_b'], 'not_a_string'],
    [{ token: 'pt_a' }, 'not_a_string'],
    [`pt_${'a'.repeat(3000)}`, 'token_too_long'],
    ['pt_abc def', 'invalid_characters'],
    ['pt_abc\n', 'invalid_characters'],
    ['pt_"><script>', 'invalid_characters'],
    ['pt_', 'invalid_characters'],
    ['hello', 'unknown_prefix'],
    ['sct_0123456789', 'unknown_prefix'],
  ])('%j is malformed (%s)', async (token, reason) => {
    const { fetch, calls } = scriptedFetch();
    const { client, diagnostics } = clientFor(fake, { fetch });
    expect(await client.validate(token)).toMatchObject({ valid: false, kind: 'malformed', reason });
    expect(calls).toHaveLength(0);
    expect(lastDiagnostic(diagnostics)).toMatchObject({ kind: 'malformed', attempts: 0, statusCode: null });
  });

  test('a server token sent as a pass token is named as such', async () => {
    const { client } = clientFor(fake);
    const result = await client.validate('sct_0123456789');
    expect(result.valid === false && result.message).toContain('server challenge token (sct_)');
  });

  test('programmer errors throw', async () => {
    const { client } = clientFor(fake);
    await expect(client.validate('pt_x', 'login' as never)).rejects.toThrow(TypeError);
    await expect(client.validate('pt_x', { expectedAction: 5 as never })).rejects.toThrow(/expectedAction/);
    await expect(client.validate('pt_x', { clientIp: 5 as never })).rejects.toThrow(/clientIp/);
  });
});

describe('misconfigured: loud in the diagnostic, and the token survives', () => {
  test.each([
    ['a wrong secret', { appSecret: 'not-the-secret' }, 'invalid_app_secret'],
    ['an unknown app key', { appKey: 'nobody_knows_me' }, 'invalid_app_key'],
    ['a disabled app', { appKey: TEST_APP_KEYS.disabled }, 'app_disabled'],
  ])('%s', async (_name, options, reason) => {
    const token = await mint(fake);
    const { client, diagnostics } = clientFor(fake, options);
    const result = await client.validate(token);
    expect(result).toMatchObject({ valid: false, kind: 'misconfigured', reason });
    if (result.valid) throw new Error('unreachable');
    expect(result.message).toMatch(/app key|secret|disabled/);
    expect(lastDiagnostic(diagnostics)).toMatchObject({ level: 'error', kind: 'misconfigured', attempts: 1 });
    // Refused before the token was looked at: a fixed configuration still accepts it.
    expect(await clientFor(fake).client.validate(token)).toMatchObject({ valid: true });
  });

  test('a 4xx the kit cannot read is misconfigured (a wrong URL), named by its status', async () => {
    const { client } = clientFor(fake, { appKey: 'test_status_404' });
    expect(await client.validate('pt_abcdef')).toMatchObject({ kind: 'misconfigured', reason: 'http_404' });
  });
});

describe('unavailable: never an invalid token', () => {
  test('5xx after the retries: provider_error, every attempt made', async () => {
    const { client, diagnostics } = clientFor(fake, { retries: 2 });
    const token = await mint(fake);
    fake.setMode('error_5xx');
    expect(await client.validate(token)).toMatchObject({ kind: 'unavailable', reason: 'provider_error' });
    expect(lastDiagnostic(diagnostics)).toMatchObject({ attempts: 3, statusCode: 503, level: 'warn' });
    fake.setMode('ok');
    expect(await client.validate(token)).toMatchObject({ valid: true });
  });

  test('test_status_<code> keys: 502 is unavailable', async () => {
    const { client } = clientFor(fake, { appKey: 'test_status_502', retries: 0 });
    expect(await client.validate('pt_abcdef')).toMatchObject({
      kind: 'unavailable',
      reason: 'provider_error',
    });
  });

  test('a hanging API times out per attempt', async () => {
    const { client, diagnostics } = clientFor(fake, { timeoutMs: 150, retries: 1 });
    const token = await mint(fake);
    fake.setMode('hang');
    const started = Date.now();
    expect(await client.validate(token)).toMatchObject({ kind: 'unavailable', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(lastDiagnostic(diagnostics)).toMatchObject({ attempts: 2, statusCode: null });
  });

  test('rate_limit_exceeded is unavailable and not retried', async () => {
    const { client, diagnostics } = clientFor(fake, { appKey: TEST_APP_KEYS.rateLimited, retries: 2 });
    expect(await client.validate('pt_abcdef')).toMatchObject({
      kind: 'unavailable',
      reason: 'rate_limit_exceeded',
    });
    expect(lastDiagnostic(diagnostics)).toMatchObject({ attempts: 1, statusCode: 429 });
  });

  test('an unreachable API is a network_error', async () => {
    const closed = await startStandIn();
    const url = closed.fake.apiUrl;
    await closed.fake.close();
    const { client } = clientFor(fake, { baseUrl: url, retries: 1 });
    expect(await client.validate('pt_abcdef')).toMatchObject({
      kind: 'unavailable',
      reason: 'network_error',
    });
  });

  test("a proxy's HTML page instead of CaptchaLa's JSON is a bad_response", async () => {
    const { fetch } = scriptedFetch(async () => new Response('<html>gateway</html>', { status: 200 }));
    const { client } = clientFor(fake, { fetch });
    expect(await client.validate('pt_abcdef')).toMatchObject({ kind: 'unavailable', reason: 'bad_response' });
  });

  test('an abort from the caller ends the wait at once', async () => {
    const { fetch, calls } = scriptedFetch(
      (call) =>
        new Promise((_resolve, reject) =>
          call.signal?.addEventListener('abort', () => reject(call.signal?.reason)),
        ),
    );
    const { client, diagnostics } = clientFor(fake, { fetch, timeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = client.validate('pt_abcdef', { signal: controller.signal });
    await expect.poll(() => calls.length).toBe(1);
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'unavailable', reason: 'aborted' });
    expect(lastDiagnostic(diagnostics).attempts).toBe(1);
  });
});

describe('retries never burn a token', () => {
  test('a 5xx, then the retry validates: one consumption', async () => {
    const { fetch, calls } = scriptedFetch(async (_call, real, index) =>
      index === 0 ? new Response('{"code":503,"msg":"busy","data":null}', { status: 503 }) : real(),
    );
    const { client, diagnostics } = clientFor(fake, { fetch });
    const token = await mint(fake);
    expect(await client.validate(token)).toMatchObject({ valid: true });
    expect(calls).toHaveLength(2);
    expect(lastDiagnostic(diagnostics).attempts).toBe(2);
    expect(fake.inspect().validations.map((v) => v.reason)).toEqual([null]);
  });

  test('a refused connection, then the retry validates', async () => {
    const { fetch } = scriptedFetch(async (_call, real, index) => {
      if (index === 0) throw networkError('ECONNREFUSED');
      return real();
    });
    const { client } = clientFor(fake, { fetch });
    expect(await client.validate(await mint(fake))).toMatchObject({ valid: true });
  });

  test('an answer lost after CaptchaLa consumed the token: the retry is not reported as a replay', async () => {
    const { fetch } = scriptedFetch(async (_call, real, index) => {
      const response = await real();
      if (index === 0) throw networkError('ECONNRESET');
      return response;
    });
    const { client, diagnostics } = clientFor(fake, { fetch });
    const token = await mint(fake);
    const result = await client.validate(token);
    expect(fake.inspect().validations.map((v) => v.reason)).toEqual([null, 'token_consumed']);
    expect(result).toMatchObject({ valid: false, kind: 'unavailable', reason: 'outcome_unknown' });
    expect(lastDiagnostic(diagnostics)).toMatchObject({ attempts: 2, kind: 'unavailable' });
  });

  test('a refused connection cannot have consumed anything: a later token_consumed is a real replay', async () => {
    const token = await mint(fake);
    await clientFor(fake).client.validate(token);
    const { fetch } = scriptedFetch(async (_call, real, index) => {
      if (index === 0) throw networkError('ECONNREFUSED');
      return real();
    });
    const { client } = clientFor(fake, { fetch });
    expect(await client.validate(token)).toMatchObject({ kind: 'invalid', reason: 'token_consumed' });
  });

  test('retries: 0 makes one attempt', async () => {
    const { fetch, calls } = scriptedFetch(async () => {
      throw networkError('ECONNRESET');
    });
    const { client } = clientFor(fake, { fetch, retries: 0 });
    expect(await client.validate('pt_abcdef')).toMatchObject({ reason: 'network_error' });
    expect(calls).toHaveLength(1);
  });
});

describe('diagnostics', () => {
  test('carry the contract §6 fields and never the secret or a whole token', async () => {
    const { client, diagnostics } = clientFor(fake);
    const tokens = [await mint(fake), await mint(fake, { appKey: TEST_APP_KEYS.clientOnly })];
    await client.validate(tokens[0]);
    await client.validate(tokens[0]);
    await client.validate(tokens[1]);
    await clientFor(fake, { appSecret: 'wrong-secret-value' }).client.validate(tokens[0]);
    const { client: wrongKey, diagnostics: wrongKeyDiagnostics } = clientFor(fake, { appKey: 'nobody' });
    await wrongKey.validate(tokens[0]);
    const all = [...diagnostics, ...wrongKeyDiagnostics];
    expect(all[0]).toMatchObject({
      operation: 'validate',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      durationMs: expect.any(Number),
      environment: 'unit',
      statusCode: 200,
      attempts: 1,
      kind: 'valid',
      reason: null,
      token: `${tokens[0]?.slice(0, 9)}…`,
      tokenAgeMs: expect.any(Number),
      clientIpSource: null,
      endpoint: 'main',
    });
    expect(all[1]).toMatchObject({ kind: 'invalid', reason: 'token_consumed' });
    const serialized = JSON.stringify(all);
    expect(serialized).not.toContain(SECRET);
    for (const token of tokens) expect(serialized).not.toContain(token);
    expect(serialized).not.toContain(tokens[0]?.slice(0, 12));
  });

  test('the result carries the diagnostic request id', async () => {
    const { client, diagnostics } = clientFor(fake);
    const result = await client.validate('pt_abcdef');
    expect(result.requestId).toBe(lastDiagnostic(diagnostics).requestId);
  });
});
