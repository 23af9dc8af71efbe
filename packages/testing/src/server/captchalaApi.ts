import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeState } from './FakeState';
import { ValidateEndpoint } from './FakeState';
import { HttpError, send } from './HttpError';
import { bool, num, readBody, str } from './readBody';

/** How the `/v1/*` API answers: normally, with 503s, never, or rejecting every secret. */
export const FakeApiMode = {
  Ok: 'ok',
  Error5xx: 'error_5xx',
  Hang: 'hang',
  RejectSecret: 'reject_secret',
} as const;
export type FakeApiMode = (typeof FakeApiMode)[keyof typeof FakeApiMode];

const ACTION_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Where `offline_` tokens validate: the stand-in's counterpart of `https://fallbackapiv1.captchala.com/api/validate`. */
const FALLBACK_VALIDATE_PATH = '/fallback/api/validate';
const VALIDATE_PATHS: Record<string, ValidateEndpoint> = {
  '/v1/validate': ValidateEndpoint.Main,
  [FALLBACK_VALIDATE_PATH]: ValidateEndpoint.Fallback,
};
const ISSUE_PATH = '/v1/server/challenge/issue';

export const isApiPath = (path: string) => path.startsWith('/v1/') || path === FALLBACK_VALIDATE_PATH;

export interface CaptchalaApi {
  readonly mode: FakeApiMode;
  setMode(mode: FakeApiMode): void;
  /** Ends responses held open by `hang` mode. */
  releaseHanging(): void;
  /** Answers a request for an `isApiPath` path; refusals are thrown as `HttpError`s. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
}

/**
 * CaptchaLa's server API (contract §5), server to server: `/v1/validate` and the fallback URL (§5a),
 * `/v1/server/challenge/issue` (§5b). Answered without CORS headers, errors included.
 */
export function createCaptchalaApi(state: FakeState, appSecret: string): CaptchalaApi {
  const hanging = new Set<ServerResponse>();
  let mode: FakeApiMode = FakeApiMode.Ok;

  function credentials(req: IncomingMessage) {
    const appKey = str(req.headers['x-app-key']);
    const secret = str(req.headers['x-app-secret']);
    const refuse = (error: string) => {
      throw new HttpError(401, { code: 401, msg: 'invalid credentials', data: { error } });
    };
    if (!appKey) return refuse('invalid_app_key');
    let app: ReturnType<FakeState['app']>;
    try {
      app = state.app(appKey);
    } catch {
      return refuse('invalid_app_key');
    }
    if (!secret || secret !== appSecret || mode === FakeApiMode.RejectSecret) {
      return refuse('invalid_app_secret');
    }
    if (app.refusal) {
      const { code, status } = app.refusal;
      throw new HttpError(status, { code: status, msg: code, data: { error: code } });
    }
    if (app.apiStatus) {
      const status = app.apiStatus;
      throw new HttpError(status, { code: status, msg: `HTTP ${status} (test_status_ key)`, data: null });
    }
    return appKey;
  }

  function validate(
    res: ServerResponse,
    appKey: string,
    body: Record<string, unknown>,
    endpoint: ValidateEndpoint,
  ) {
    const result = state.validate({
      appKey,
      passToken: str(body['pass_token']) ?? '',
      keepToken: bool(body['keep_token']),
      clientIp: str(body['client_ip']),
      endpoint,
    });
    if (!result.valid) {
      const data = result.degraded
        ? { valid: false, degraded: true, reason: result.reason }
        : { valid: false, error: result.reason };
      return send(res, 200, { code: 0, msg: '', data });
    }
    const { record } = result;
    return send(res, 200, {
      code: 0,
      msg: 'ok',
      data: {
        valid: true,
        challenge_id: record.challengeId,
        action: record.action,
        uid: record.uid,
        captcha_args: {
          platform: 'web',
          user_ip: record.userIp,
          referer: null,
          solved_at: Math.floor(record.issuedAt / 1000),
          risk_score: 0,
        },
      },
    });
  }

  function issue(res: ServerResponse, appKey: string, body: Record<string, unknown>) {
    const action = str(body['action']);
    if (!action || !ACTION_PATTERN.test(action)) {
      throw new HttpError(400, { code: 400, msg: 'invalid_action', data: { error: 'invalid_action' } });
    }
    const record = state.issueServerToken({
      appKey,
      action,
      ttlS: num(body['ttl']),
      maxUses: num(body['max_uses']),
      bindIp: str(body['binding_ip']) ?? str(body['bind_ip']) ?? null,
      bindUid: str(body['bind_uid']) ?? null,
    });
    return send(res, 200, {
      code: 0,
      msg: 'success',
      data: {
        server_token: record.token,
        expires_in: Math.round((record.expiresAt - record.issuedAt) / 1000),
        issued_at: Math.floor(record.issuedAt / 1000),
      },
    });
  }

  const api: CaptchalaApi = {
    get mode() {
      return mode;
    },
    setMode(next) {
      mode = next;
      if (mode !== FakeApiMode.Hang) api.releaseHanging();
    },
    releaseHanging() {
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    async handle(req, res, path) {
      if (mode === FakeApiMode.Hang) {
        hanging.add(res);
        res.once('close', () => hanging.delete(res));
        return;
      }
      if (mode === FakeApiMode.Error5xx) {
        throw new HttpError(503, { code: 503, msg: 'service unavailable', data: null });
      }
      const endpoint = VALIDATE_PATHS[path];
      if (!endpoint && path !== ISSUE_PATH) {
        throw new HttpError(404, { code: 404, msg: `no such endpoint: ${path}`, data: null });
      }
      if (req.method !== 'POST') {
        throw new HttpError(405, {
          code: 405,
          msg: `method ${req.method} not allowed, use POST`,
          data: null,
        });
      }
      const appKey = credentials(req);
      const body = await readBody(req);
      return endpoint ? validate(res, appKey, body, endpoint) : issue(res, appKey, body);
    },
  };
  return api;
}
