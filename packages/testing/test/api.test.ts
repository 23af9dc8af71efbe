import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type FakeCaptchala, startFakeCaptchala, TEST_APP_KEYS, TEST_APP_SECRET } from '../src/index';

let clock = 1_750_000_000_000;
let fake: FakeCaptchala;

beforeAll(async () => {
  fake = await startFakeCaptchala({ now: () => clock, passTokenTtlMs: 60_000 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const creds = (appKey: string = TEST_APP_KEYS.pass) => ({
  'x-app-key': appKey,
  'x-app-secret': TEST_APP_SECRET,
});

/** Solves a challenge through the SDK's endpoints, as the fake SDK does. */
async function mint(options: { appKey?: string; action?: string; serverToken?: string } = {}) {
  const challenge = await post('/sdk/challenge', {
    appKey: options.appKey ?? TEST_APP_KEYS.pass,
    action: options.action ?? 'login',
    serverToken: options.serverToken,
  });
  if (challenge.status !== 200) return challenge;
  return post('/sdk/solve', { challengeId: challenge.body.challengeId });
}

const validate = (token: string, extra: Record<string, unknown> = {}, appKey?: string) =>
  post('/v1/validate', { pass_token: token, ...extra }, creds(appKey));

describe('POST /v1/validate', () => {
  test('a pass token validates once, echoing the action, then is token_consumed', async () => {
    const { body: minted } = await mint({ action: 'signup' });
    expect(minted.token).toMatch(/^pt_[0-9a-f]{32}$/);
    expect(minted).not.toHaveProperty('ttl');
    const first = await validate(minted.token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ code: 0, msg: 'ok', data: { valid: true, action: 'signup' } });
    expect(first.body.data.challenge_id).toBe(minted.challengeId);
    expect(first.body.data.captcha_args).toMatchObject({ platform: 'web', user_ip: '127.0.0.1' });
    const replay = await validate(minted.token);
    expect(replay.body).toEqual({ code: 0, msg: '', data: { valid: false, error: 'token_consumed' } });
  });

  test('keep_token validates without consuming', async () => {
    const { body: minted } = await mint();
    expect((await validate(minted.token, { keep_token: true })).body.data.valid).toBe(true);
    expect((await validate(minted.token, { keep_token: true })).body.data.valid).toBe(true);
    expect((await validate(minted.token)).body.data.valid).toBe(true);
    expect((await validate(minted.token)).body.data.error).toBe('token_consumed');
  });

  test('a token past its lifetime is token_expired, and inspect() reports its age', async () => {
    const { body: minted } = await mint();
    clock += 60_000;
    expect((await validate(minted.token)).body.data).toEqual({ valid: false, error: 'token_expired' });
    const record = fake.inspect().validations.at(-1);
    expect(record).toMatchObject({
      token: minted.token,
      tokenAgeMs: 60_000,
      valid: false,
      reason: 'token_expired',
    });
  });

  test('test_ttl_<s> keys mint short-lived tokens', async () => {
    const { body: minted } = await mint({ appKey: 'test_ttl_2' });
    clock += 1_999;
    expect((await validate(minted.token, { keep_token: true }, 'test_ttl_2')).body.data.valid).toBe(true);
    clock += 1;
    expect((await validate(minted.token, {}, 'test_ttl_2')).body.data.error).toBe('token_expired');
  });

  test('empty, unknown and other-app tokens', async () => {
    expect((await validate('')).body.data.error).toBe('empty_token');
    expect((await validate('pt_nope')).body.data.error).toBe('invalid_token');
    const { body: minted } = await mint();
    expect((await validate(minted.token, {}, TEST_APP_KEYS.autoPass)).body.data.error).toBe('invalid_token');
  });

  test('form-encoded bodies are accepted', async () => {
    const { body: minted } = await mint();
    const response = await fetch(`${fake.url}/v1/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...creds() },
      body: new URLSearchParams({ pass_token: minted.token, keep_token: 'false' }),
    });
    expect(((await response.json()) as any).data.valid).toBe(true);
  });

  test('bad credentials: 401 with a non-zero code, never a crash', async () => {
    const { body: minted } = await mint();
    const wrongSecret = await post(
      '/v1/validate',
      { pass_token: minted.token },
      { 'x-app-key': TEST_APP_KEYS.pass, 'x-app-secret': 'nope' },
    );
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toEqual({
      code: 401,
      msg: 'invalid credentials',
      data: { error: 'invalid_app_secret' },
    });
    const missing = await post('/v1/validate', { pass_token: minted.token });
    expect(missing.body.data.error).toBe('invalid_app_key');
    const unknownKey = await post('/v1/validate', { pass_token: minted.token }, creds('who_knows'));
    expect(unknownKey.body.data.error).toBe('invalid_app_key');
    // The token was never consumed by the refused calls.
    expect((await validate(minted.token)).body.data.valid).toBe(true);
  });

  test('malformed JSON, wrong method and unknown path get the error shape', async () => {
    const malformed = await post('/v1/validate', '{"pass_token":', creds());
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 400 });
    const get = await fetch(`${fake.url}/v1/validate`);
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ code: 405 });
    const unknown = await post('/v1/nothing', {}, creds());
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 404 });
  });

  test('client_ip must match the IP a bound server token was issued for', async () => {
    const issued = await post(
      '/v1/server/challenge/issue',
      { action: 'login', binding_ip: '127.0.0.1' },
      creds(),
    );
    const { body: minted } = await mint({ serverToken: issued.body.data.server_token });
    expect((await validate(minted.token, { client_ip: '10.9.8.7', keep_token: true })).body.data.error).toBe(
      'token_ip_mismatch',
    );
    // Without client_ip there is no IP gate (official PHP >= 1.2 stopped sending it).
    expect((await validate(minted.token)).body.data.valid).toBe(true);
  });
});

describe('POST /v1/server/challenge/issue', () => {
  test('issues an sct_ with the contract shape; JSON and form bodies, bind_uid echoed as uid', async () => {
    const json = await post(
      '/v1/server/challenge/issue',
      { action: 'login', ttl: 60, max_uses: 3, bind_uid: 'u1' },
      creds(),
    );
    expect(json.body).toMatchObject({ code: 0, msg: 'success', data: { expires_in: 60 } });
    expect(json.body.data.server_token).toMatch(/^sct_/);
    const { body: minted } = await mint({ serverToken: json.body.data.server_token });
    expect((await validate(minted.token)).body.data.uid).toBe('u1');
    const form = await fetch(`${fake.url}/v1/server/challenge/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...creds() },
      body: new URLSearchParams({ action: 'login', bind_ip: '127.0.0.1' }),
    });
    const formBody = (await form.json()) as any;
    expect(formBody.data.expires_in).toBe(300);
    expect(fake.inspect().serverTokens.find((t) => t.token === formBody.data.server_token)?.bindIp).toBe(
      '127.0.0.1',
    );
  });

  test('a missing action is invalid_action', async () => {
    const response = await post('/v1/server/challenge/issue', {}, creds());
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ msg: 'invalid_action' });
  });
});

describe('server tokens in the SDK flow', () => {
  const issue = async (body: Record<string, unknown>, appKey: string = TEST_APP_KEYS.serverToken) =>
    (await post('/v1/server/challenge/issue', body, creds(appKey))).body.data.server_token as string;

  test('an app that requires one refuses challenges without it', async () => {
    const refused = await mint({ appKey: TEST_APP_KEYS.serverToken });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: 'server_token_required',
      message: 'This app requires a server token (server_token_required)',
    });
  });

  test('each challenge spends a use: exhausted after max_uses', async () => {
    const sct = await issue({ action: 'login', max_uses: 2 });
    expect((await mint({ appKey: TEST_APP_KEYS.serverToken, serverToken: sct })).status).toBe(200);
    expect((await mint({ appKey: TEST_APP_KEYS.serverToken, serverToken: sct })).status).toBe(200);
    const third = await mint({ appKey: TEST_APP_KEYS.serverToken, serverToken: sct });
    expect(third.body.error).toBe('server_token_exhausted');
  });

  test('expired, unknown, other-app, other-action and IP-bound server tokens', async () => {
    const sct = await issue({ action: 'login', ttl: 10 });
    clock += 10_000;
    expect((await mint({ appKey: TEST_APP_KEYS.serverToken, serverToken: sct })).body.error).toBe(
      'server_token_expired',
    );
    expect((await mint({ appKey: TEST_APP_KEYS.serverToken, serverToken: 'sct_nope' })).body.error).toBe(
      'server_token_invalid',
    );
    const other = await issue({ action: 'login' }, TEST_APP_KEYS.pass);
    expect((await mint({ appKey: TEST_APP_KEYS.serverToken, serverToken: other })).body.error).toBe(
      'server_token_app_mismatch',
    );
    const forSignup = await issue({ action: 'signup' });
    expect((await mint({ appKey: TEST_APP_KEYS.serverToken, serverToken: forSignup })).body.error).toBe(
      'server_token_invalid',
    );
    const bound = await issue({ action: 'login', binding_ip: '10.0.0.1' });
    expect((await mint({ appKey: TEST_APP_KEYS.serverToken, serverToken: bound })).body.error).toBe(
      'server_token_binding_mismatch',
    );
  });
});

describe('challenges', () => {
  test('the always-fail key fails with verify_failed; unknown keys with invalid_app_key', async () => {
    expect((await mint({ appKey: TEST_APP_KEYS.fail })).body.message).toBe(
      'Verification failed (verify_failed)',
    );
    expect((await mint({ appKey: 'nobody' })).body.error).toBe('invalid_app_key');
  });

  test('a challenge solves once and expires', async () => {
    const challenge = await post('/sdk/challenge', { appKey: TEST_APP_KEYS.pass, action: 'login' });
    expect((await post('/sdk/solve', { challengeId: challenge.body.challengeId })).status).toBe(200);
    expect((await post('/sdk/solve', { challengeId: challenge.body.challengeId })).body.error).toBe(
      'challenge_used',
    );
    const stale = await post('/sdk/challenge', { appKey: TEST_APP_KEYS.pass, action: 'login' });
    clock += 120_000;
    expect((await post('/sdk/solve', { challengeId: stale.body.challengeId })).body.error).toBe(
      'challenge_expired',
    );
  });
});

describe('refusing apps', () => {
  test.each([
    [TEST_APP_KEYS.disabled, 'app_disabled', 403, 'This app is disabled (app_disabled)'],
    [
      TEST_APP_KEYS.rateLimited,
      'rate_limit_exceeded',
      429,
      'Too many requests, slow down (rate_limit_exceeded)',
    ],
  ])('%s: challenges and API calls are refused with %s', async (appKey, code, status, sdkMessage) => {
    expect((await mint({ appKey })).body).toEqual({ error: code, message: sdkMessage });
    const api = await post('/v1/validate', { pass_token: 'pt_x' }, creds(appKey));
    expect(api.status).toBe(status);
    expect(api.body).toEqual({ code: status, msg: code, data: { error: code } });
    const issue = await post('/v1/server/challenge/issue', { action: 'login' }, creds(appKey));
    expect(issue.status).toBe(status);
  });
});

describe('API modes', () => {
  test('error_5xx answers 503; reject_secret refuses good secrets; ok restores', async () => {
    const { body: minted } = await mint();
    fake.setMode('error_5xx');
    expect((await validate(minted.token)).status).toBe(503);
    fake.setMode('reject_secret');
    expect((await validate(minted.token)).body.data.error).toBe('invalid_app_secret');
    fake.setMode('ok');
    expect((await validate(minted.token)).body.data.valid).toBe(true);
  });

  test('hang never answers until released', async () => {
    fake.setMode('hang');
    const answer = fetch(`${fake.url}/v1/validate`, { method: 'POST', headers: creds(), body: '{}' }).then(
      () => 'answered',
      () => 'connection closed',
    );
    const raced = await Promise.race([
      answer,
      new Promise((resolve) => setTimeout(() => resolve('pending'), 300)),
    ]);
    expect(raced).toBe('pending');
    fake.setMode('ok');
    expect(await answer).toBe('connection closed');
  });
});

describe('served files and inspection', () => {
  test('serves the loader and SDK, counting requests; the sdk_404 scenario fails the SDK', async () => {
    const loader = await fetch(fake.loaderUrl);
    expect(loader.headers.get('content-type')).toMatch(/javascript/);
    expect(await loader.text()).toContain('loadCaptchala');
    expect((await fetch(`${fake.sdkUrl}?scenario=sdk_404`)).status).toBe(404);
    expect(fake.inspect().fileRequests).toEqual({ '/captchala-loader.js': 1, '/captchala.js': 1 });
  });

  test('control endpoints: inspect, mode, reset', async () => {
    await mint();
    const inspected = (await (await fetch(`${fake.url}/__control/inspect`)).json()) as any;
    expect(inspected.passTokens).toHaveLength(1);
    expect((await post('/__control/mode', { mode: 'bogus' })).status).toBe(400);
    await post('/__control/mode', { mode: 'error_5xx' });
    expect(fake.inspect().mode).toBe('error_5xx');
    await post('/__control/reset', {});
    expect(fake.inspect()).toMatchObject({ mode: 'ok', passTokens: [] });
  });

  test('site endpoints: a server-token endpoint and a validating form backend', async () => {
    const sct = await post(`/__site/server-token?app_key=${TEST_APP_KEYS.serverToken}`, { action: 'login' });
    expect(sct.body).toMatchObject({ action: 'login', expires_in: 300 });
    const { body: minted } = await mint({
      appKey: TEST_APP_KEYS.serverToken,
      serverToken: sct.body.server_token,
    });
    const first = await post(`/__site/validate?app_key=${TEST_APP_KEYS.serverToken}`, {
      captchala_token: minted.token,
      email: 'a@b.c',
    });
    expect(first.body).toEqual({ valid: true, reason: null, fields: { email: 'a@b.c' } });
    const again = await post(`/__site/validate?app_key=${TEST_APP_KEYS.serverToken}`, {
      captchala_token: minted.token,
    });
    expect(again.body.reason).toBe('token_consumed');
  });
});

test('/__site/status/<code> answers that status with an HTML body', async () => {
  const response = await fetch(`${fake.url}/__site/status/500`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
  });
  expect(response.status).toBe(500);
  expect(await response.text()).toContain('Internal Server Error');
});
