import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { CaptchalaClient, type CaptchalaDiagnostic, type ValidationDiagnostic } from '../src/index';

const KEY = 'app_shapes_1';
const SECRET = 'shapes-secret-8c1f02';

interface Received {
  path: string;
  contentType: string | undefined;
  appKey: string | undefined;
  appSecret: string | undefined;
  body: unknown;
}

/** A tiny CaptchaLa over real HTTP: answers each request with `answer`, and records what arrived. */
let answer: unknown;
const received: Received[] = [];
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    received.push({
      path: req.url ?? '',
      contentType: req.headers['content-type'],
      appKey: req.headers['x-app-key'] as string | undefined,
      appSecret: req.headers['x-app-secret'] as string | undefined,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer));
  });
});
let baseUrl: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  received.length = 0;
});

function client() {
  const diagnostics: CaptchalaDiagnostic[] = [];
  const instance = new CaptchalaClient({
    appKey: KEY,
    appSecret: SECRET,
    baseUrl,
    retries: 0,
    onDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
  });
  return { client: instance, diagnostics };
}

const solvedAt = Math.floor(Date.now() / 1000) - 30;

describe('validate reads every answer shape the contract lists (§5a), over HTTP', () => {
  test.each([
    [
      'the documented shape, solve context under captcha_args',
      {
        code: 0,
        msg: 'ok',
        data: {
          valid: true,
          challenge_id: 'ch_doc',
          action: 'login',
          uid: null,
          captcha_args: { platform: 'web', user_ip: '203.0.113.9', solved_at: solvedAt, risk_score: 12 },
        },
      },
      {
        challengeId: 'ch_doc',
        captchaArgs: { platform: 'web', user_ip: '203.0.113.9', solved_at: solvedAt, risk_score: 12 },
      },
    ],
    [
      'the older docs: risk_score and client_ip directly under data',
      {
        code: 0,
        msg: 'ok',
        data: {
          valid: true,
          challenge_id: 'ch_old',
          action: 'login',
          risk_score: 12,
          client_ip: '203.0.113.9',
        },
      },
      { challengeId: 'ch_old', captchaArgs: { risk_score: 12, client_ip: '203.0.113.9' } },
    ],
    [
      'the alternative verdict field data.ok',
      { code: 0, msg: 'ok', data: { ok: true, challenge_id: 'ch_alt', action: 'login' } },
      { challengeId: 'ch_alt', captchaArgs: null },
    ],
  ])('%s: valid, with its action checked', async (_name, body, expected) => {
    answer = body;
    const { client: captchala } = client();
    expect(await captchala.validate('pt_0123abcd', { expectedAction: 'login' })).toMatchObject({
      valid: true,
      kind: 'valid',
      action: 'login',
      ...expected,
    });
    expect(await captchala.validate('pt_0123abcd', { expectedAction: 'signup' })).toMatchObject({
      valid: false,
      reason: 'token_action_mismatch',
    });
    // The request side is the official SDKs' one: JSON, credentials in headers.
    expect(received[0]).toEqual({
      path: '/v1/validate',
      contentType: 'application/json',
      appKey: KEY,
      appSecret: SECRET,
      body: { pass_token: 'pt_0123abcd', keep_token: false },
    });
  });

  test("the token's age comes from captcha_args.solved_at, and is unknown in the older shape", async () => {
    const { client: captchala, diagnostics } = client();
    answer = {
      code: 0,
      msg: 'ok',
      data: { valid: true, action: 'login', captcha_args: { solved_at: solvedAt } },
    };
    await captchala.validate('pt_0123abcd');
    answer = { code: 0, msg: 'ok', data: { valid: true, action: 'login', risk_score: 3 } };
    await captchala.validate('pt_0123abcd');
    const [documented, older] = diagnostics as ValidationDiagnostic[];
    expect(documented?.tokenAgeMs).toBeGreaterThanOrEqual(30_000);
    expect(older?.tokenAgeMs).toBeNull();
  });

  test.each([
    ['data.error', { code: 0, msg: '', data: { valid: false, error: 'token_expired' } }, 'token_expired'],
    [
      'msg when data has no error',
      { code: 0, msg: 'token_consumed', data: { valid: false } },
      'token_consumed',
    ],
    ['neither: unknown_error', { code: 0, msg: '', data: { valid: false } }, 'unknown_error'],
  ])('a refusal names its reason from %s', async (_name, body, reason) => {
    answer = body;
    expect(await client().client.validate('pt_0123abcd')).toMatchObject({
      valid: false,
      kind: 'invalid',
      reason,
    });
  });
});

describe('issueServerToken reads the contract §5b answer, over HTTP', () => {
  test('server_token, expires_in and issued_at (seconds); the request is JSON with binding_ip', async () => {
    answer = {
      code: 0,
      msg: 'success',
      data: { server_token: 'sct_shape', expires_in: 120, issued_at: 1713600000 },
    };
    const result = await client().client.issueServerToken({
      action: 'login',
      bindIp: '203.0.113.9',
      maxUses: 3,
    });
    expect(result).toMatchObject({
      ok: true,
      serverToken: 'sct_shape',
      expiresIn: 120,
      issuedAt: 1713600000_000,
    });
    expect(received[0]).toEqual({
      path: '/v1/server/challenge/issue',
      contentType: 'application/json',
      appKey: KEY,
      appSecret: SECRET,
      body: { action: 'login', binding_ip: '203.0.113.9', max_uses: 3 },
    });
  });
});
