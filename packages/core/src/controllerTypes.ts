import type { CaptchalaError } from './errors';
import type { LoaderOptions } from './loadCaptchala';
import type { ServerTokenProvider } from './ServerTokenSource';
import type { CaptchalaResult, Product, Theme } from './sdk';

/** Where a widget is in its life. */
export const CaptchalaStatus = {
  Idle: 'idle',
  Loading: 'loading',
  Ready: 'ready',
  Solving: 'solving',
  /** A fresh, unused token is held. */
  Verified: 'verified',
  /** The held token went stale unused and was dropped. */
  Expired: 'expired',
  /** The last token was handed out; the next request runs a new challenge. */
  Consumed: 'consumed',
  Error: 'error',
} as const;
export type CaptchalaStatus = (typeof CaptchalaStatus)[keyof typeof CaptchalaStatus];

/** Immutable; a new object on every change, the same object while nothing changes. */
export interface CaptchalaSnapshot {
  readonly status: CaptchalaStatus;
  /** The current unconsumed pass token, or `''`. */
  readonly token: string;
  /** Epoch ms the current token was received, or null. */
  readonly issuedAt: number | null;
  /** Epoch ms the current token stops being trusted, or null. */
  readonly expiresAt: number | null;
  readonly error: CaptchalaError | null;
}

/** The snapshot of a widget that has not started. */
export const IDLE_SNAPSHOT: CaptchalaSnapshot = Object.freeze({
  status: CaptchalaStatus.Idle,
  token: '',
  issuedAt: null,
  expiresAt: null,
  error: null,
});

export interface CaptchalaSuccessDetail {
  token: string;
  issuedAt: number;
  expiresAt: number;
  result: CaptchalaResult;
}

/** Callbacks a view re-dispatches as its own events. */
export interface CaptchalaControllerEvents {
  ready(): void;
  success(detail: CaptchalaSuccessDetail): void;
  expired(): void;
  error(error: CaptchalaError): void;
  close(): void;
  status(status: CaptchalaStatus): void;
}

/** Clock, timers, fetch and the one DOM operation the controller needs; injected for tests. */
export interface ControllerPlatform {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  fetch: typeof globalThis.fetch;
  /** An invisible element in the container for `bind` to attach to; the controller removes it on teardown. */
  createBindAnchor(container: HTMLElement): { element: HTMLElement; remove(): void };
}

export interface CaptchalaControllerOptions {
  appKey: string;
  action?: string;
  product?: Product;
  lang?: string;
  theme?: Theme;
  /** A static `sct_…`. */
  serverToken?: string;
  /** POST `{action}` → `{server_token, expires_in}`. */
  serverTokenUrl?: string;
  serverTokenProvider?: ServerTokenProvider;
  /** Seconds a pass token is trusted when the SDK reports no `ttl` (default 120). */
  tokenTtl?: number;
  /** Seconds before expiry at which a token stops being fresh (default 10). */
  refreshMargin?: number;
  loader?: LoaderOptions;
  platform?: Partial<ControllerPlatform>;
  on?: Partial<CaptchalaControllerEvents>;
}

export interface GetTokenOptions {
  signal?: AbortSignal;
  /** Rejects with `challenge_timeout` after this long (default: wait for the user). */
  timeoutMs?: number;
}

export interface CaptchalaController {
  getSnapshot(): CaptchalaSnapshot;
  subscribe(listener: (snapshot: CaptchalaSnapshot) => void): () => void;
  /** Loads the SDK, fetches a server token when configured, inits and mounts into `container`. */
  mount(options: { container: HTMLElement }): Promise<void>;
  /** Applies changed options: `lang` live through `setLang` when the SDK has it, anything else by re-init. */
  update(options: Partial<Omit<CaptchalaControllerOptions, 'platform' | 'on'>>): void;
  /** True when a fresh token nobody got yet is held (nothing is handed out). */
  hasFreshToken(): boolean;
  /** The current token if fresh and never handed out (it is from now on), else null. Synchronous. */
  takeFreshToken(): string | null;
  /**
   * Whether a token this controller handed out (`takeFreshToken`, `getToken`) is still fresh: a submission held
   * for several challenges checks the ones it already has before it goes. False for a token it never handed out.
   */
  isHandedOutTokenFresh(token: string): boolean;
  /**
   * A fresh token nobody else got: the held one, or one from a new challenge (each caller its own).
   * After an error, re-initialises first (bounded backoff), or rejects at once when no retry can help.
   */
  getToken(options?: GetTokenOptions): Promise<string>;
  /** After an error, re-initialises (bounded backoff), as the next user action would; otherwise nothing. */
  retry(): void;
  /** Drops the held token unused (form reset, page restored from bfcache) and readies the SDK for a new one. */
  discardToken(): void;
  /** Destroys and re-inits the SDK, with a fresh server token when a provider or URL is set. */
  reset(): Promise<void>;
  /** Idempotent. Pending `getToken()` calls reject with `destroyed`. */
  destroy(): void;
}
