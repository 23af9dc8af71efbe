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
export function serverTokenFetchFailed(message: string, cause?: unknown): never {
  throw new CaptchalaError({ code: 'server_token_fetch_failed', message, cause });
}
