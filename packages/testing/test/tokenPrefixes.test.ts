import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  type FakeCaptchala,
  findTestApp,
  startFakeCaptchala,
  TEST_APP_KEYS,
  TEST_APP_SECRET,
} from '../src/index';

let clock = 1_750_000_000_000;
let fake: FakeCaptchala;

beforeAll(async () => {
  fake = await startFakeCaptchala({ now: () => clock });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function mint(appKey: string): Promise<string> {
  const challenge = await post('/sdk/challenge', { appKey, action: 'login' });
  return (await post('/sdk/solve', { challengeId: challenge.body.challengeId })).body.token;
}

const creds = (appKey: string) => ({ 'x-app-key': appKey, 'x-app-secret': TEST_APP_SECRET });
const validate = (path: string, appKey: string, token: string) =>
  post(path, { pass_token: token, keep_token: false }, creds(appKey));
const MAIN = '/v1/validate';
const FALLBACK = '/fallback/api/validate';

describe('offline_ tokens (test_offline)', () => {
  test('validate only at the fallback URL, once', async () => {
    const token = await mint(TEST_APP_KEYS.offline);
    expect(token).toMatch(/^offline_[0-9a-f]{32}$/);
    expect((await validate(MAIN, TEST_APP_KEYS.offline, token)).body).toEqual({
      code: 0,
      msg: '',
      data: { valid: false, error: 'invalid_token' },
    });
    const valid = await validate(FALLBACK, TEST_APP_KEYS.offline, token);
    expect(valid.body).toMatchObject({ code: 0, data: { valid: true, action: 'login' } });
    expect((await validate(FALLBACK, TEST_APP_KEYS.offline, token)).body.data.error).toBe('token_consumed');
    expect(fake.inspect().validations.map((v) => [v.endpoint, v.reason])).toEqual([
      ['main', 'invalid_token'],
      ['fallback', null],
      ['fallback', 'token_consumed'],
    ]);
  });

  test('the fallback knows no other token, and checks credentials like the main API', async () => {
    const token = await mint(TEST_APP_KEYS.pass);
    expect((await validate(FALLBACK, TEST_APP_KEYS.pass, token)).body.data.error).toBe('invalid_token');
    const refused = await post(FALLBACK, { pass_token: token }, { 'x-app-key': TEST_APP_KEYS.pass });
    expect(refused.status).toBe(401);
    expect((await fetch(`${fake.url}${FALLBACK}`)).status).toBe(405);
    // The pass token survived both refusals.
    expect((await validate(MAIN, TEST_APP_KEYS.pass, token)).body.data.valid).toBe(true);
  });
});

test('client_ tokens (test_client_only) cannot be verified anywhere', async () => {
  const token = await mint(TEST_APP_KEYS.clientOnly);
  expect(token).toMatch(/^client_[0-9a-f]{32}$/);
  expect((await validate(MAIN, TEST_APP_KEYS.clientOnly, token)).body.data.error).toBe('invalid_token');
  expect((await validate(FALLBACK, TEST_APP_KEYS.clientOnly, token)).body.data.error).toBe('invalid_token');
});

describe('dg_ tokens (test_degraded)', () => {
  test('answer {valid: false, degraded: true, reason}, are spent, and expire after 5 minutes', async () => {
    const token = await mint(TEST_APP_KEYS.degraded);
    expect(token).toMatch(/^dg_[0-9a-f]{32}$/);
    expect((await validate(MAIN, TEST_APP_KEYS.degraded, token)).body).toEqual({
      code: 0,
      msg: '',
      data: { valid: false, degraded: true, reason: 'quota_exhausted' },
    });
    expect((await validate(MAIN, TEST_APP_KEYS.degraded, token)).body.data.error).toBe('token_consumed');
    const late = await mint(TEST_APP_KEYS.degraded);
    clock += 300_000;
    expect((await validate(MAIN, TEST_APP_KEYS.degraded, late)).body.data.error).toBe('token_expired');
    expect(fake.inspect().validations[0]).toMatchObject({ degraded: true, valid: false });
  });
});

describe('test_status_<code>', () => {
  test('every API call with the key answers that status', async () => {
    for (const path of [MAIN, FALLBACK, '/v1/server/challenge/issue']) {
      const answer = await post(path, { pass_token: 'pt_x', action: 'login' }, creds('test_status_502'));
      expect(answer.status).toBe(502);
      expect(answer.body).toMatchObject({ code: 502, data: null });
    }
    expect((await post(MAIN, { pass_token: 'pt_x' }, creds('test_status_429'))).status).toBe(429);
    // Credentials are still checked first.
    const wrongSecret = await post(MAIN, { pass_token: 'pt_x' }, { 'x-app-key': 'test_status_502' });
    expect(wrongSecret.status).toBe(401);
  });

  test('the pattern covers 4xx and 5xx only; _auto makes solves automatic', () => {
    expect(findTestApp({ appKey: 'test_status_503_auto' })).toMatchObject({
      apiStatus: 503,
      behaviour: 'auto_pass',
    });
    expect(findTestApp({ appKey: 'test_status_200' })).toBeUndefined();
    expect(findTestApp({ appKey: 'test_status_5000' })).toBeUndefined();
  });
});
