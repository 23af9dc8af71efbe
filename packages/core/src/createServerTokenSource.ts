import { DEV } from './DEV';
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
  /** Epoch ms it was received. */
  receivedAt: number;
  /** Epoch ms it stops working (infinite for a static token). */
  expiresAt: number;
}

export interface ServerTokenSource {
  /** True when fresh tokens can be had (a provider or a URL), false for none or a static token. */
  readonly refreshable: boolean;
  /**
   * A fresh token (fetched now for provider/URL sources), the static one, or undefined when not configured. A
   * source that keeps answering stale tokens (expiring within seconds) fails with `server_token_fetch_failed`
   * after a few tries: never a loop.
   */
  fetch(options: { signal: AbortSignal }): Promise<ServerToken | undefined>;
}

export interface CreateServerTokenSourceOptions {
  action: string;
  serverToken?: string;
  serverTokenUrl?: string;
  serverTokenProvider?: ServerTokenProvider;
  now: () => number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  fetch: typeof globalThis.fetch;
}

/** Throws the one error a server-token source fails with. */
export function fail(message: string, cause?: unknown): never {
  throw new CaptchalaError({ code: 'server_token_fetch_failed', message, cause });
}

/**
 * Where `sct_` tokens come from: a static value, a provider function, or a URL (POST `{action}`). Fresh tokens
 * (provider or URL) are fetched by a module loaded on the first fetch, so pages without them never download it;
 * when it cannot load (offline), that fetch fails with `server_token_fetch_failed` and the next one tries again.
 */
export function createServerTokenSource(options: CreateServerTokenSourceOptions): ServerTokenSource {
  const { serverToken, now } = options;
  if (options.serverTokenProvider || options.serverTokenUrl) {
    let fresh: Promise<ServerTokenSource> | undefined;
    return {
      refreshable: true,
      async fetch(fetchOptions) {
        fresh ??= import('./createFreshServerTokenSource').then(
          (module) => module.createFreshServerTokenSource(options),
          (cause: unknown) => {
            fresh = undefined;
            fail(
              DEV
                ? `The kit's server-token module did not load (${String(cause)}): is the page offline?`
                : '',
              cause,
            );
          },
        );
        return (await fresh).fetch(fetchOptions);
      },
    };
  }
  return {
    refreshable: false,
    fetch: async () =>
      serverToken
        ? { token: serverToken, receivedAt: now(), expiresAt: Number.POSITIVE_INFINITY }
        : undefined,
  };
}
