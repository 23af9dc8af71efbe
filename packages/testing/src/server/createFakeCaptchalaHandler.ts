import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TEST_APP_SECRET } from '../testApps';
import { crossOriginRefusal } from './crossOriginRefusal';
import { type FakeInspection, FakeRefusal, type FakeState, ValidateEndpoint } from './FakeState';
import { MAX_SLOW_SDK_DELAY_MS, slowSdkDelayMs } from './slowSdkDelayMs';

/** How the `/v1/*` API answers: normally, with 503s, never, or rejecting every secret. */
export const FakeApiMode = {
  Ok: 'ok',
  Error5xx: 'error_5xx',
  Hang: 'hang',
  RejectSecret: 'reject_secret',
} as const;
export type FakeApiMode = (typeof FakeApiMode)[keyof typeof FakeApiMode];

const BROWSER_FILES = {
  '/captchala-loader.js': { file: 'captchala-loader.js', type: 'text/javascript; charset=utf-8' },
  '/captchala.js': { file: 'captchala.js', type: 'text/javascript; charset=utf-8' },
  '/captchala.css': { file: 'captchala.css', type: 'text/css; charset=utf-8' },
} as const;
type BrowserPath = keyof typeof BROWSER_FILES;

/** The package's `browser/` folder, found upwards from this module (in `src/server/` or in a built chunk). */
const browserDir = (() => {
  let dir = new URL('./', import.meta.url);
  for (let depth = 0; depth < 5; depth++) {
    const candidate = new URL('browser/', dir);
    if (existsSync(new URL('captchala-loader.js', candidate))) return candidate;
    dir = new URL('../', dir);
  }
  throw new Error('@captchala-kit/testing: its browser/ folder is missing next to the package.');
})();

export interface FakeCaptchalaHandlerOptions {
  state: FakeState;
  /** Path prefix everything is served under (`''` standalone, `/__captchala` inside a Vite server). */
  basePath?: string;
  /** Secret every test app accepts. */
  appSecret?: string;
  /**
   * Serve the test-only `/__control/*` and `/__site/*` endpoints and the `?scenario=` switches of the CDN files
   * (default true). The endpoints answer same-origin requests only (`Sec-Fetch-Site`, `Origin`), never with CORS,
   * and take JSON only, so other sites cannot use them; turn them off where the stand-in is reachable by others.
   */
  testEndpoints?: boolean;
  /** The longest `?scenario=slow_sdk&delay=…` honoured, in ms (default 30 000). */
  maxSlowSdkDelayMs?: number;
}

export interface FakeCaptchalaHandler {
  /** Handles a request under the base path; returns false (untouched) for anything else. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  readonly mode: FakeApiMode;
  /** Makes `/v1/*` answer normally, with 503s, never (`hang`), or rejecting every secret. */
  setMode(mode: FakeApiMode): void;
  /** Forgets every token and counter; mode back to `ok`. */
  reset(): void;
  /** Inspection data: tokens, validations, served-file counts, mode. */
  inspect(): FakeInspection & { mode: FakeApiMode; fileRequests: Record<string, number> };
  /** Ends responses held open by `hang` mode. */
  releaseHanging(): void;
}

class HttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

/** Request bodies larger than this are refused with 413 before they are read whole. */
export const MAX_BODY_BYTES = 64 * 1024;

interface ReadBodyOptions {
  /** How errors look: the API's `{code, msg, data}` envelope (default) or the SDK/test endpoints' `{error, message}`. */
  style?: 'api' | 'plain';
}

function bodyError(
  status: number,
  code: string,
  message: string,
  style: ReadBodyOptions['style'],
): HttpError {
  return new HttpError(
    status,
    style === 'plain' ? { error: code, message } : { code: status, msg: message, data: { error: code } },
  );
}

const isJson = (req: IncomingMessage) => /^application\/json\b/i.test(req.headers['content-type'] ?? '');

/**
 * Test-only POSTs take `application/json` only, with a body or without: a page on another site cannot send that
 * type without a CORS preflight. It backs up the same-origin check (`crossOriginRefusal`), which refuses the request
 * itself where the host server answers that preflight (Vite does, for every localhost origin).
 */
function requireJson(req: IncomingMessage): void {
  if (!isJson(req)) {
    throw bodyError(415, 'unsupported_media_type', 'send JSON with content-type: application/json', 'plain');
  }
}

async function readBody(
  req: IncomingMessage,
  options: ReadBodyOptions = {},
): Promise<Record<string, unknown>> {
  const { style = 'api' } = options;
  const type = req.headers['content-type'] ?? '';
  const json = isJson(req);
  const tooLarge = () =>
    bodyError(413, 'payload_too_large', `request body over ${MAX_BODY_BYTES} bytes`, style);
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  if (!json && type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw bodyError(400, 'malformed_body', 'malformed request body: expected a JSON object', style);
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
const bool = (value: unknown): boolean => value === true || value === 'true' || value === '1' || value === 1;
const num = (value: unknown): number | undefined => {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

function remoteIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

const ACTION_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Where `offline_` tokens validate: the stand-in's counterpart of `https://fallbackapiv1.captchala.com/api/validate`. */
const FALLBACK_VALIDATE_PATH = '/fallback/api/validate';
const VALIDATE_PATHS: Record<string, ValidateEndpoint> = {
  '/v1/validate': ValidateEndpoint.Main,
  [FALLBACK_VALIDATE_PATH]: ValidateEndpoint.Fallback,
};
const ISSUE_PATH = '/v1/server/challenge/issue';

/**
 * The stand-in as a Node request handler: CDN files, the SDK's private endpoints, the contract's `/v1/*` API,
 * and test-only `/__control/*` and `/__site/*` endpoints. Usable standalone or as Vite middleware.
 */
export function createFakeCaptchalaHandler(options: FakeCaptchalaHandlerOptions): FakeCaptchalaHandler {
  const {
    state,
    basePath = '',
    appSecret = TEST_APP_SECRET,
    testEndpoints = true,
    maxSlowSdkDelayMs = MAX_SLOW_SDK_DELAY_MS,
  } = options;
  const fileRequests = new Map<string, number>();
  const hanging = new Set<ServerResponse>();

  let mode: FakeApiMode = FakeApiMode.Ok;

  const handler: FakeCaptchalaHandler = {
    get mode() {
      return mode;
    },
    setMode(next) {
      mode = next;
      if (mode !== FakeApiMode.Hang) handler.releaseHanging();
    },
    reset() {
      state.reset();
      fileRequests.clear();
      handler.setMode(FakeApiMode.Ok);
    },
    inspect: () => ({ ...state.inspect(), mode, fileRequests: Object.fromEntries(fileRequests) }),
    releaseHanging() {
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      if (basePath && !url.pathname.startsWith(`${basePath}/`)) return false;
      const path = url.pathname.slice(basePath.length);
      try {
        await route(req, res, path, url);
      } catch (error) {
        if (error instanceof HttpError)
          send(res, error.status, error.body, {
            // Only what a page on another origin must reach (the SDK's calls) is CORS-enabled; a 413 also
            // closes the connection instead of reading the rest of the body.
            ...(path.startsWith('/sdk/') ? CORS : {}),
            ...(error.status === 413 ? { connection: 'close' } : {}),
          });
        else send(res, 500, { code: 500, msg: 'stand-in internal error', data: { error: String(error) } });
      }
      return true;
    },
  };

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

  /** Contract §5, server to server: answered without CORS headers, errors included (`handle` sends them). */
  async function api(req: IncomingMessage, res: ServerResponse, path: string) {
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
      throw new HttpError(405, { code: 405, msg: `method ${req.method} not allowed, use POST`, data: null });
    }
    const appKey = credentials(req);
    const body = await readBody(req);
    if (endpoint) {
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

  /** The fake SDK's private endpoints; refusals carry the SDK's `"message (code)"` string. */
  async function sdk(req: IncomingMessage, res: ServerResponse, path: string) {
    if (req.method !== 'POST') throw new HttpError(405, { error: 'method_not_allowed', message: 'use POST' });
    const body = await readBody(req, { style: 'plain' });
    try {
      if (path === '/sdk/challenge') {
        const challenge = state.createChallenge({
          appKey: str(body['appKey']) ?? '',
          action: str(body['action']) ?? 'default',
          serverToken: str(body['serverToken']),
          ip: remoteIp(req),
          early: bool(body['early']),
        });
        const app = challenge.app;
        return send(
          res,
          200,
          { challengeId: challenge.id, behaviour: app.behaviour, solveDelayMs: app.solveDelayMs },
          CORS,
        );
      }
      if (path === '/sdk/solve') {
        const record = state.solve({ challengeId: str(body['challengeId']) ?? '' });
        return send(
          res,
          200,
          { token: record.token, action: record.action, challengeId: record.challengeId },
          CORS,
        );
      }
    } catch (error) {
      if (error instanceof FakeRefusal) {
        throw new HttpError(400, { error: error.code, message: error.toSdkString() });
      }
      throw error;
    }
    throw new HttpError(404, { error: 'not_found', message: `no such endpoint: ${path}` });
  }

  /** Test-only: inspect and steer the stand-in from browser tests and pages. */
  async function control(req: IncomingMessage, res: ServerResponse, path: string) {
    if (path === '/__control/inspect' && req.method === 'GET') {
      return send(res, 200, handler.inspect());
    }
    if (req.method !== 'POST') throw new HttpError(405, { error: 'method_not_allowed' });
    requireJson(req);
    const body = await readBody(req, { style: 'plain' });
    if (path === '/__control/mode') {
      const next = str(body['mode']);
      if (!Object.values(FakeApiMode).includes(next as FakeApiMode)) {
        throw new HttpError(400, {
          error: 'invalid_mode',
          message: `mode must be one of ${Object.values(FakeApiMode)}`,
        });
      }
      handler.setMode(next as FakeApiMode);
      return send(res, 200, { mode });
    }
    if (path === '/__control/reset') {
      handler.reset();
      return send(res, 200, { reset: true });
    }
    throw new HttpError(404, { error: 'not_found' });
  }

  /**
   * A site backend for demos and tests, as official integrations build one: `/__site/server-token?app_key=…`
   * answers `{server_token, expires_in, action}` (Flarum's shape); `/__site/validate?app_key=…` validates the
   * `captchala_token` field of the posted form and answers the API's verdict; `/__site/status/<code>` answers
   * that HTTP status with an HTML body.
   */
  async function site(req: IncomingMessage, res: ServerResponse, path: string, url: URL) {
    if (req.method !== 'POST') throw new HttpError(405, { error: 'method_not_allowed' });
    requireJson(req);
    const failing = /^\/__site\/status\/(\d{3})$/.exec(path);
    if (failing) {
      // A broken site endpoint (what a misconfigured server-token route answers), for error-path tests.
      res.writeHead(Number(failing[1]), { 'content-type': 'text/html' });
      res.end('<html><body>Internal Server Error</body></html>');
      return;
    }
    const appKey = url.searchParams.get('app_key') ?? '';
    try {
      state.app(appKey);
    } catch {
      throw new HttpError(400, { error: 'invalid_app_key', message: `unknown app_key "${appKey}"` });
    }
    const body = await readBody(req, { style: 'plain' });
    if (path === '/__site/server-token') {
      const action = str(body['action']) ?? 'default';
      const record = state.issueServerToken({
        appKey,
        action,
        maxUses: num(url.searchParams.get('max_uses')),
        ttlS: num(url.searchParams.get('ttl')),
      });
      return send(res, 200, {
        server_token: record.token,
        expires_in: (record.expiresAt - record.issuedAt) / 1000,
        action,
      });
    }
    if (path === '/__site/validate') {
      const field = url.searchParams.get('field') ?? 'captchala_token';
      const result = state.validate({ appKey, passToken: str(body[field]) ?? '', keepToken: false });
      const { [field]: _token, ...fields } = body;
      return send(res, 200, { valid: result.valid, reason: result.valid ? null : result.reason, fields });
    }
    throw new HttpError(404, { error: 'not_found' });
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string, url: URL) {
    if (req.method === 'OPTIONS' && path.startsWith('/sdk/')) {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (path in BROWSER_FILES) {
      const { file, type } = BROWSER_FILES[path as BrowserPath];
      fileRequests.set(path, (fileRequests.get(path) ?? 0) + 1);
      // Scenarios are test switches: served only where the test endpoints are.
      const scenario = testEndpoints ? url.searchParams.get('scenario') : null;
      if (path === '/captchala.js' && scenario === 'sdk_404') {
        throw new HttpError(404, { error: 'not_found' });
      }
      if (path === '/captchala.js' && scenario === 'slow_sdk') {
        const delay = slowSdkDelayMs({ delay: url.searchParams.get('delay'), maxMs: maxSlowSdkDelayMs });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      const source =
        path === '/captchala.js' && scenario === 'no_global'
          ? '/* defines nothing */'
          : await readFile(new URL(file, browserDir), 'utf8');
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...CORS });
      res.end(source);
      return;
    }
    if (path.startsWith('/v1/') || path === FALLBACK_VALIDATE_PATH) return api(req, res, path);
    if (path.startsWith('/sdk/')) return sdk(req, res, path);
    if (testEndpoints && (path.startsWith('/__control/') || path.startsWith('/__site/'))) {
      // Whatever CORS the host server answers (Vite's allows every localhost origin), a page on another origin
      // gets nothing from here: no tokens, no reset, no mode switch, no server token.
      const refusal = crossOriginRefusal(req);
      if (refusal) {
        throw new HttpError(403, {
          error: 'cross_origin_refused',
          message: `test-only endpoint, same-origin requests only (${refusal})`,
        });
      }
      return path.startsWith('/__control/') ? control(req, res, path) : site(req, res, path, url);
    }
    throw new HttpError(404, { code: 404, msg: `no such endpoint: ${path}`, data: null });
  }

  return handler;
}
