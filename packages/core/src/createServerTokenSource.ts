import { CaptchalaError } from './errors';

/** What a provider may return: a bare `sct_…` or one with its lifetime. */
export type ServerTokenValue = string | { serverToken: string; expiresIn?: number };

export interface ServerTokenContext {
  action: string;
  signal: AbortSignal;
}

/** Returns a fresh server token for the action; called on every (re-)init that needs one. */
export type ServerTokenProvider = (context: ServerTokenContext) => Promise<ServerTokenValue>;

export interface ServerToken {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface ServerTokenSource {
  /** True when fresh tokens can be had (a provider or a URL), false for none or a static token. */
  readonly refreshable: boolean;
  /** A fresh token (fetched now for provider/URL sources), the static one, or undefined when not configured. */
  fetch(options: { signal: AbortSignal }): Promise<ServerToken | undefined>;
}

export interface CreateServerTokenSourceOptions {
  action: string;
  serverToken?: string;
  serverTokenUrl?: string;
  serverTokenProvider?: ServerTokenProvider;
  now: () => number;
  fetch: typeof globalThis.fetch;
}

/** Default server-token lifetime when the answer does not say (the service's default, contract §3). */
const DEFAULT_EXPIRES_IN_S = 300;

function fail(message: string, cause?: unknown): never {
  throw new CaptchalaError({ code: 'server_token_fetch_failed', message, cause });
}

function toServerToken(value: unknown, origin: string, now: number): ServerToken {
  const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  const nested =
    record?.['data'] && typeof record['data'] === 'object'
      ? (record['data'] as Record<string, unknown>)
      : undefined;
  const token =
    typeof value === 'string'
      ? value
      : (record?.['serverToken'] ?? record?.['server_token'] ?? nested?.['server_token']);
  const expiresIn = record?.['expiresIn'] ?? record?.['expires_in'] ?? nested?.['expires_in'];
  if (typeof token !== 'string' || token.trim() === '') {
    fail(
      `${origin} gave no server token: expected "sct_…" or {"server_token": "sct_…", "expires_in": 300}, got ${JSON.stringify(value)?.slice(0, 120)}.`,
    );
  }
  const seconds = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_S;
  return { token: token.trim(), expiresAt: now + seconds * 1000 };
}

/** Where `sct_` tokens come from: a static value, a provider function, or a URL (POST `{action}`). */
export function createServerTokenSource(options: CreateServerTokenSourceOptions): ServerTokenSource {
  const { action, serverToken, serverTokenUrl, serverTokenProvider, now } = options;
  if (serverTokenProvider) {
    return {
      refreshable: true,
      async fetch({ signal }) {
        let value: unknown;
        try {
          value = await serverTokenProvider({ action, signal });
        } catch (cause) {
          fail(
            `serverTokenProvider threw: ${cause instanceof Error ? cause.message : String(cause)}.`,
            cause,
          );
        }
        return toServerToken(value, 'serverTokenProvider', now());
      },
    };
  }
  if (serverTokenUrl) {
    return {
      refreshable: true,
      async fetch({ signal }) {
        let response: Response;
        try {
          response = await options.fetch(serverTokenUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ action }),
            credentials: 'same-origin',
            signal,
          });
        } catch (cause) {
          fail(`POST ${serverTokenUrl} failed (${String(cause)}): is the endpoint reachable?`, cause);
        }
        if (!response.ok) {
          fail(
            `POST ${serverTokenUrl} answered HTTP ${response.status}: the site's server-token endpoint failed.`,
          );
        }
        let body: unknown;
        try {
          body = await response.json();
        } catch (cause) {
          fail(
            `POST ${serverTokenUrl} did not answer JSON: expected {"server_token": "sct_…", "expires_in": 300}.`,
            cause,
          );
        }
        return toServerToken(body, `POST ${serverTokenUrl}`, now());
      },
    };
  }
  return {
    refreshable: false,
    fetch: async () =>
      serverToken ? { token: serverToken, expiresAt: Number.POSITIVE_INFINITY } : undefined,
  };
}
