// Browser-safe: no Node imports. What browser tests (the kit's, yours) use to steer and inspect the stand-in.
import type { FakeApiMode } from './server/createFakeCaptchalaHandler';
import type { FakeInspection } from './server/FakeState';

export interface StandInInspection extends FakeInspection {
  mode: FakeApiMode;
  /** Requests per served file (`/captchala-loader.js`, `/captchala.js`, `/captchala.css`). */
  fileRequests: Record<string, number>;
}

export interface SiteValidation {
  valid: boolean;
  /** The provider's reason when the token was refused (`token_consumed`, `token_expired`, …). */
  reason: string | null;
  /** Every other field the form sent: proof nothing was lost. */
  fields: Record<string, string>;
}

export interface StandInClient {
  /** Tokens with ages and use counts, validations, challenge fetches (and early ones) per key, file requests. */
  inspect(): Promise<StandInInspection>;
  /** Forgets every token and counter; API mode back to `ok`. */
  reset(): Promise<void>;
  /** Makes `/v1/*` answer normally, with 503s, never, or rejecting every secret. */
  setMode(mode: FakeApiMode): Promise<void>;
  /** The demo site backend validates a submitted form's token (single use) and echoes the other fields. */
  siteValidate(options: {
    appKey: string;
    body: FormData | Record<string, string>;
    field?: string;
  }): Promise<SiteValidation>;
  /** The demo site backend's server-token endpoint for `server-token-url` (`ttl` in s, `maxUses`). */
  serverTokenUrl(options: { appKey: string; ttl?: number; maxUses?: number }): string;
  /**
   * The stand-in's loader and the SDK it fetches, as absolute URLs (a relative `baseUrl` resolved against the page's
   * `location`), for `allowLoaderOrigins(standIn.scriptUrls())`: the kit loads only CaptchaLa's own scripts unless
   * the page's JavaScript names others.
   */
  scriptUrls(): string[];
}

export interface ConnectStandInOptions {
  /** Where the stand-in is mounted: `baseUrl` of `virtual:captchala-fake` (same origin), or `startFakeCaptchala().url`. */
  baseUrl: string;
}

/**
 * A client for the stand-in's test-only endpoints. They answer JSON to same-origin pages only (no CORS): mount the
 * stand-in into the dev server of the page under test with `captchalaFake()` from `@captchala-kit/testing/vite`.
 */
export function connectStandIn(options: ConnectStandInOptions): StandInClient {
  const base = options.baseUrl.replace(/\/$/, '');
  async function call<T>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(
      `${base}${path}`,
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    if (!response.ok)
      throw new Error(`stand-in ${path} answered HTTP ${response.status}: ${await response.text()}`);
    return response.json() as Promise<T>;
  }
  return {
    inspect: () => call('/__control/inspect'),
    reset: async () => {
      await call('/__control/reset', {});
    },
    setMode: async (mode) => {
      await call('/__control/mode', { mode });
    },
    siteValidate: ({ appKey, body, field }) =>
      call(
        `/__site/validate?${new URLSearchParams({ app_key: appKey, ...(field ? { field } : {}) })}`,
        body instanceof FormData
          ? Object.fromEntries([...body].map(([key, value]) => [key, String(value)]))
          : body,
      ),
    serverTokenUrl: ({ appKey, ttl, maxUses }) =>
      `${base}/__site/server-token?${new URLSearchParams({
        app_key: appKey,
        ...(ttl === undefined ? {} : { ttl: String(ttl) }),
        ...(maxUses === undefined ? {} : { max_uses: String(maxUses) }),
      })}`,
    scriptUrls: () =>
      ['/captchala-loader.js', '/captchala.js'].map(
        (file) => new URL(`${base}${file}`, globalThis.location?.href).href,
      ),
  };
}
