import { inspect } from 'node:util';
import { type FakeCaptchala, TEST_APP_KEYS } from '@captchala-kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { CaptchalaClient, CaptchalaConfigError, type IssueDiagnostic } from '../src/index';
import { clientFor, mint, SECRET, scriptedFetch, startStandIn } from './helpers';

const KEY = 'app_live_1234';

function configError(options: unknown): CaptchalaConfigError {
  try {
    new CaptchalaClient(options as never);
  } catch (error) {
    if (error instanceof CaptchalaConfigError) return error;
    throw error;
  }
  throw new Error('constructed');
}

describe('misconfiguration is caught at construction', () => {
  test.each([
    ['no appKey', { appSecret: SECRET }, 'missing_app_key', /appKey is missing.*CAPTCHALA_APP_KEY/],
    ['an empty appSecret', { appKey: KEY, appSecret: '' }, 'missing_app_secret', /CAPTCHALA_APP_SECRET/],
    ['a number as key', { appKey: 42, appSecret: SECRET }, 'missing_app_key', /must be a string/],
    ['a trailing newline', { appKey: KEY, appSecret: `${SECRET}\n` }, 'malformed_credential', /whitespace/],
    ['an inner space', { appKey: 'app key', appSecret: SECRET }, 'malformed_credential', /spaces/],
    ['"undefined"', { appKey: KEY, appSecret: 'undefined' }, 'malformed_credential', /unset environment/],
    [
      'a token as key',
      { appKey: 'pt_0011aa', appSecret: SECRET },
      'malformed_credential',
      /looks like a token/,
    ],
    ['the same value twice', { appKey: SECRET, appSecret: SECRET }, 'key_secret_swapped', /same value/],
    ['the demo key as secret', { appKey: 'xyz', appSecret: 'demo_app' }, 'key_secret_swapped', /swapped/],
    [
      'the stand-in secret as key',
      { appKey: 'test_secret', appSecret: 'test_pass' },
      'key_secret_swapped',
      /swapped/,
    ],
    [
      'a plain http baseUrl',
      { appKey: KEY, appSecret: SECRET, baseUrl: 'http://apiv1.captcha.la' },
      'insecure_url',
      /not https/,
    ],
    [
      'an http fallbackUrl',
      { appKey: KEY, appSecret: SECRET, fallbackUrl: 'http://10.0.0.1/api' },
      'insecure_url',
      /clear text/,
    ],
    ['a relative baseUrl', { appKey: KEY, appSecret: SECRET, baseUrl: '/v1' }, 'invalid_url', /absolute URL/],
    [
      'credentials in the URL',
      { appKey: KEY, appSecret: SECRET, baseUrl: 'https://u:p@x.test' },
      'invalid_url',
      /credentials/,
    ],
    ['a zero timeout', { appKey: KEY, appSecret: SECRET, timeoutMs: 0 }, 'invalid_option', /timeoutMs/],
    ['too many retries', { appKey: KEY, appSecret: SECRET, retries: 9 }, 'invalid_option', /retries/],
    [
      'fractional retries',
      { appKey: KEY, appSecret: SECRET, retries: 1.5 },
      'invalid_option',
      /whole number/,
    ],
    [
      'a fetch that is no function',
      { appKey: KEY, appSecret: SECRET, fetch: 'x' },
      'invalid_option',
      /fetch/,
    ],
  ])('%s', (_name, options, code, message) => {
    const error = configError(options);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^CaptchalaClient: /);
    expect(error.message).not.toContain(SECRET);
  });

  test('options that are not an object are a TypeError', () => {
    expect(() => new CaptchalaClient(undefined as never)).toThrow(TypeError);
  });

  test.each([
    'http://localhost:8787',
    'http://127.0.0.1:1/base/',
    'http://[::1]:9/',
    'https://apiv1.captcha.la',
  ])('%s is accepted', (baseUrl) => {
    expect(() => new CaptchalaClient({ appKey: KEY, appSecret: SECRET, baseUrl })).not.toThrow();
  });

  test('the real service is the default; a trailing slash on baseUrl is dropped', async () => {
    const { fetch, calls } = scriptedFetch(async () =>
      Response.json({ code: 0, msg: 'ok', data: { valid: true } }),
    );
    await new CaptchalaClient({ appKey: KEY, appSecret: SECRET, fetch }).validate('pt_abcdef');
    await new CaptchalaClient({ appKey: KEY, appSecret: SECRET, fetch }).validate('offline_abcdef');
    await new CaptchalaClient({
      appKey: KEY,
      appSecret: SECRET,
      fetch,
      baseUrl: 'http://localhost:1/x/',
    }).validate('pt_abcdef');
    expect(calls.map((call) => call.url)).toEqual([
      'https://apiv1.captcha.la/v1/validate',
      'https://fallbackapiv1.captchala.com/api/validate',
      'http://localhost:1/x/v1/validate',
    ]);
  });

  test('the secret is not reachable through the instance', () => {
    const client = new CaptchalaClient({ appKey: KEY, appSecret: SECRET });
    expect(JSON.stringify(client)).not.toContain(SECRET);
    expect(inspect(client, { showHidden: true, depth: 5 })).not.toContain(SECRET);
    expect(Object.values(client)).not.toContain(SECRET);
  });
});

describe('issueServerToken', () => {
  let fake: FakeCaptchala;
  beforeAll(async () => {
    ({ fake } = await startStandIn());
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  test('issues an sct_ with its lifetime; the options arrive as contract §5b fields', async () => {
    const { fetch, calls } = scriptedFetch();
    const { client, diagnostics } = clientFor(fake, { appKey: TEST_APP_KEYS.serverToken, fetch });
    const before = Date.now();
    const result = await client.issueServerToken({
      action: 'login',
      ttl: 60,
      maxUses: 3,
      bindIp: '127.0.0.1',
      bindUid: 'u1',
    });
    expect(result).toMatchObject({ ok: true, expiresIn: 60 });
    if (!result.ok) throw new Error(result.message);
    expect(result.serverToken).toMatch(/^sct_/);
    expect(result.issuedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(calls[0]?.url).toBe(`${fake.apiUrl}/v1/server/challenge/issue`);
    expect(calls[0]?.body).toEqual({
      action: 'login',
      binding_ip: '127.0.0.1',
      ttl: 60,
      max_uses: 3,
      bind_uid: 'u1',
    });
    expect(fake.inspect().serverTokens[0]).toMatchObject({ maxUses: 3, bindIp: '127.0.0.1', bindUid: 'u1' });
    expect(diagnostics.at(-1)).toMatchObject({
      operation: 'issue_server_token',
      kind: null,
      action: 'login',
    });
    // The whole loop: the sct_ lets the SDK run a challenge whose pass token validates.
    const token = await mint(fake, { appKey: TEST_APP_KEYS.serverToken, serverToken: result.serverToken });
    expect(await client.validate(token, { expectedAction: 'login', expectedUid: 'u1' })).toMatchObject({
      valid: true,
    });
  });

  test('only action is sent when nothing else is asked for', async () => {
    const { fetch, calls } = scriptedFetch();
    const { client } = clientFor(fake, { fetch });
    expect(await client.issueServerToken({ action: 'login' })).toMatchObject({ ok: true, expiresIn: 300 });
    expect(calls[0]?.body).toEqual({ action: 'login' });
  });

  test.each([
    ['an action CaptchaLa refuses', {}, 'bad action!', 'invalid', 'invalid_action'],
    ['a disabled app', { appKey: TEST_APP_KEYS.disabled }, 'login', 'misconfigured', 'app_disabled'],
    ['a wrong secret', { appSecret: 'nope-nope' }, 'login', 'misconfigured', 'invalid_app_secret'],
    [
      'a rate-limited app',
      { appKey: TEST_APP_KEYS.rateLimited },
      'login',
      'unavailable',
      'rate_limit_exceeded',
    ],
  ])('%s: a typed failure, not a throw', async (_name, options, action, kind, reason) => {
    const { client, diagnostics } = clientFor(fake, options);
    const result = await client.issueServerToken({ action });
    expect(result).toMatchObject({ ok: false, kind, reason });
    expect((diagnostics.at(-1) as IssueDiagnostic).kind).toBe(kind);
  });

  test('a provider failure after the retries is unavailable', async () => {
    const { client } = clientFor(fake, { retries: 1 });
    fake.setMode('error_5xx');
    expect(await client.issueServerToken({ action: 'login' })).toMatchObject({
      ok: false,
      kind: 'unavailable',
      reason: 'provider_error',
    });
  });

  test('an answer without a server token is a bad_response', async () => {
    const { fetch } = scriptedFetch(async () => Response.json({ code: 0, msg: 'success', data: {} }));
    const { client } = clientFor(fake, { fetch });
    expect(await client.issueServerToken({ action: 'login' })).toMatchObject({
      ok: false,
      reason: 'bad_response',
    });
  });

  test('programmer errors throw', async () => {
    const { client } = clientFor(fake);
    await expect(client.issueServerToken({} as never)).rejects.toThrow(/action must be a non-empty string/);
    await expect(client.issueServerToken({ action: 'login', ttl: '60' as never })).rejects.toThrow(/ttl/);
  });
});
