import type { IncomingMessage, ServerResponse } from 'node:http';
import { TEST_APP_SECRET } from '../testApps';
import { isBrowserFile, serveBrowserFile } from './browserFiles';
import { createCaptchalaApi, FakeApiMode, isApiPath } from './captchalaApi';
import { createControlEndpoints } from './controlEndpoints';
import { crossOriginRefusal } from './crossOriginRefusal';
import type { FakeInspection, FakeState } from './FakeState';
import { CORS, HttpError, send } from './HttpError';
import { createSdkEndpoints } from './sdkEndpoints';
import { createSiteBackend } from './siteBackend';
import { MAX_SLOW_SDK_DELAY_MS } from './slowSdkDelayMs';

export { FakeApiMode } from './captchalaApi';

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

/**
 * The stand-in as a Node request handler, one route group per module: the CDN files (`browserFiles`), the fake
 * SDK's private endpoints (`sdkEndpoints`), the contract's `/v1/*` API (`captchalaApi`), and, where
 * `testEndpoints` allows, the test-only `/__control/*` (`controlEndpoints`) and a customer's site backend under
 * `/__site/*` (`siteBackend`). Usable standalone or as Vite middleware.
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
  const api = createCaptchalaApi(state, appSecret);
  const sdk = createSdkEndpoints(state);
  const site = createSiteBackend(state);

  const handler: FakeCaptchalaHandler = {
    get mode() {
      return api.mode;
    },
    setMode: (mode) => api.setMode(mode),
    reset() {
      state.reset();
      fileRequests.clear();
      api.setMode(FakeApiMode.Ok);
    },
    inspect: () => ({ ...state.inspect(), mode: api.mode, fileRequests: Object.fromEntries(fileRequests) }),
    releaseHanging: () => api.releaseHanging(),
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
  const control = createControlEndpoints(handler);

  async function route(req: IncomingMessage, res: ServerResponse, path: string, url: URL) {
    if (isBrowserFile(path)) {
      fileRequests.set(path, (fileRequests.get(path) ?? 0) + 1);
      return serveBrowserFile(res, path, url, { scenarios: testEndpoints, maxSlowSdkDelayMs });
    }
    if (isApiPath(path)) return api.handle(req, res, path);
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
