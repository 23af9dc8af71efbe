import {
  createServerTokenSource,
  type ServerToken,
  type ServerTokenProvider,
} from './createServerTokenSource';
import { createStore } from './createStore';
import { CaptchalaError, parseSdkError } from './errors';
import { type LoadCaptchalaOptions, loadCaptchala } from './loadCaptchala';
import { type CaptchalaInstance, type CaptchalaResult, type CaptchalaSdk, Product, type Theme } from './sdk';

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

/** Immutable; a new object on every change. */
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
  loader?: LoadCaptchalaOptions;
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
  /** The current token if fresh and never handed out (it is from now on), else null. Synchronous. */
  takeFreshToken(): string | null;
  /** A fresh token nobody else got: the held one, or one from a new challenge (shared by concurrent callers). */
  getToken(options?: GetTokenOptions): Promise<string>;
  /** Drops the held token unused (form reset, page restored from bfcache) and readies the SDK for a new one. */
  discardToken(): void;
  /** Destroys and re-inits the SDK, with a fresh server token when a provider or URL is set. */
  reset(): Promise<void>;
  /** Idempotent. Pending `getToken()` calls reject with `destroyed`. */
  destroy(): void;
}

/** Refreshable SDK errors re-init at most this many times in a row before the error is final. */
const MAX_REFRESHES = 2;
/** A server token is replaced this long before it expires, when the widget is idle. */
const SERVER_TOKEN_MARGIN_MS = 30_000;

/** The snapshot of a widget that has not started. */
export const IDLE_SNAPSHOT: CaptchalaSnapshot = Object.freeze({
  status: 'idle',
  token: '',
  issuedAt: null,
  expiresAt: null,
  error: null,
});

function browserPlatform(): ControllerPlatform {
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    fetch: (...args) => globalThis.fetch(...args),
    createBindAnchor(container) {
      const element = container.ownerDocument.createElement('button');
      element.type = 'button';
      element.hidden = true;
      element.tabIndex = -1;
      element.setAttribute('aria-hidden', 'true');
      container.append(element);
      return { element, remove: () => element.remove() };
    },
  };
}

interface HeldToken extends CaptchalaSuccessDetail {
  /** Epoch ms after which the token is no longer handed out. */
  freshUntil: number;
}

interface Waiter {
  resolve(token: string): void;
  reject(error: CaptchalaError): void;
}

/** Compares option values: functions by identity, plain data (theme, loader) by content. */
function sameOption(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'function' || typeof b === 'function') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The token lifecycle of one widget: loads the SDK, inits it, holds at most one fresh token, hands every token
 * out once, expires it on time, refreshes server tokens, and re-inits on refreshable errors (bounded).
 */
export function createCaptchalaController(options: CaptchalaControllerOptions): CaptchalaController {
  const platform: ControllerPlatform = { ...browserPlatform(), ...options.platform };
  const on = options.on ?? {};
  let config = { ...options };
  const store = createStore<CaptchalaSnapshot>({ initial: IDLE_SNAPSHOT });

  let source = makeSource();
  let container: HTMLElement | null = null;
  let sdk: CaptchalaSdk | null = null;
  let instance: CaptchalaInstance | null = null;
  let anchor: { remove(): void } | null = null;
  let generation = 0;
  let destroyed = false;
  let ready = false;
  let solving = false;
  let held: HeldToken | null = null;
  let expiryTimer: unknown = null;
  let serverTokenTimer: unknown = null;
  let refreshes = 0;
  let initAbort: AbortController | null = null;
  const waiters: Waiter[] = [];

  function makeSource() {
    return createServerTokenSource({
      action: config.action ?? 'default',
      serverToken: config.serverToken,
      serverTokenUrl: config.serverTokenUrl,
      serverTokenProvider: config.serverTokenProvider,
      now: platform.now,
      fetch: platform.fetch,
    });
  }

  function set(patch: Partial<CaptchalaSnapshot>): void {
    const before = store.getSnapshot().status;
    store.update(patch);
    const after = store.getSnapshot().status;
    if (after !== before) on.status?.(after);
  }

  function clearTimer(handle: unknown): null {
    if (handle !== null) platform.clearTimeout(handle);
    return null;
  }

  function settleWaiters(error: CaptchalaError): void {
    for (const waiter of waiters.splice(0)) waiter.reject(error);
  }

  function fail(error: CaptchalaError): void {
    solving = false;
    set({ status: CaptchalaStatus.Error, error });
    on.error?.(error);
    settleWaiters(error);
  }

  function teardownInstance(): void {
    ready = false;
    solving = false;
    serverTokenTimer = clearTimer(serverTokenTimer);
    const old = instance;
    instance = null;
    try {
      old?.destroy();
    } catch {
      // The SDK's destroy may throw on a half-initialised instance (contract §2: callers guard it).
    }
    anchor?.remove();
    anchor = null;
  }

  /** `keepStatus`: after a hand-out, `expired`/`consumed` stay visible while the SDK re-inits. */
  async function init(options: { keepStatus?: boolean } = {}): Promise<void> {
    const target = container;
    if (!target || destroyed) return;
    const gen = ++generation;
    teardownInstance();
    initAbort?.abort();
    const abort = new AbortController();
    initAbort = abort;
    if (!options.keepStatus) set({ status: CaptchalaStatus.Loading, error: null });
    try {
      sdk ??= await loadCaptchala(config.loader);
      if (gen !== generation) return;
      const serverToken = await source.fetch({ signal: abort.signal });
      if (gen !== generation) return;
      scheduleServerTokenRefresh(serverToken);
      const created = sdk.init({
        appKey: config.appKey,
        product: config.product ?? Product.Popup,
        action: config.action ?? 'default',
        ...(config.lang ? { lang: config.lang } : {}),
        ...(config.theme !== undefined ? { theme: config.theme } : {}),
        ...(serverToken ? { serverToken: serverToken.token } : {}),
        ...(source.refreshable
          ? {
              onServerTokenExpired: async () =>
                (await source.fetch({ signal: abort.signal }).catch(() => undefined))?.token ?? null,
            }
          : {}),
      });
      instance = created;
      const current = () => gen === generation && !destroyed;
      created.onReady(() => current() && onReady());
      created.onSuccess((result) => current() && onSuccess(result));
      created.onError((error) => current() && onSdkError(error));
      created.onClose(() => current() && onClose());
      if ((config.product ?? Product.Popup) === Product.Bind) {
        const bindAnchor = platform.createBindAnchor(target);
        anchor = bindAnchor;
        created.bindTo(bindAnchor.element);
      } else {
        created.appendTo(target);
      }
    } catch (error) {
      if (gen !== generation) return;
      fail(error instanceof CaptchalaError ? error : parseSdkError({ error }));
      throw error;
    }
  }

  function scheduleServerTokenRefresh(serverToken: ServerToken | undefined): void {
    if (!serverToken || !source.refreshable || !Number.isFinite(serverToken.expiresAt)) return;
    const delay = Math.max(0, serverToken.expiresAt - SERVER_TOKEN_MARGIN_MS - platform.now());
    serverTokenTimer = platform.setTimeout(() => {
      serverTokenTimer = null;
      // Mid-challenge or holding a token, the server token is no longer needed; afterHandOut() re-inits anyway.
      if (!solving && !held) init().catch(() => {});
    }, delay);
  }

  function onReady(): void {
    ready = true;
    const { status } = store.getSnapshot();
    // `expired` and `consumed` keep telling the user what happened until the next challenge starts.
    if (!solving && status !== CaptchalaStatus.Expired && status !== CaptchalaStatus.Consumed) {
      set({ status: held ? CaptchalaStatus.Verified : CaptchalaStatus.Ready, error: null });
    }
    on.ready?.();
    if (waiters.length > 0) runChallenge();
  }

  function runChallenge(): void {
    if (!instance || !ready || solving) return;
    solving = true;
    set({ status: CaptchalaStatus.Solving });
    try {
      if ((config.product ?? Product.Popup) === Product.Bind) instance.verify();
      else instance.showCaptcha();
    } catch (error) {
      onSdkError(error);
    }
  }

  function onSuccess(result: CaptchalaResult): void {
    solving = false;
    refreshes = 0;
    const token = typeof result?.token === 'string' ? result.token : '';
    if (!token) {
      fail(
        new CaptchalaError({
          code: 'unknown_error',
          message: 'The CaptchaLa SDK reported success without a token.',
        }),
      );
      return;
    }
    const issuedAt = platform.now();
    const ttlS = typeof result.ttl === 'number' && result.ttl > 0 ? result.ttl : (config.tokenTtl ?? 120);
    const marginS = Math.min(config.refreshMargin ?? 10, ttlS / 2);
    const expiresAt = issuedAt + ttlS * 1000;
    const detail: CaptchalaSuccessDetail = { token, issuedAt, expiresAt, result };
    const waiter = waiters.shift();
    if (waiter) {
      set({ status: CaptchalaStatus.Consumed, token: '', issuedAt: null, expiresAt: null, error: null });
      on.success?.(detail);
      waiter.resolve(token);
      afterHandOut();
      return;
    }
    held = { ...detail, freshUntil: expiresAt - marginS * 1000 };
    set({ status: CaptchalaStatus.Verified, token, issuedAt, expiresAt, error: null });
    on.success?.(detail);
    expiryTimer = clearTimer(expiryTimer);
    expiryTimer = platform.setTimeout(expire, held.freshUntil - issuedAt);
  }

  /** The held token is no longer fresh: drop it, say so once, and ready the SDK for the next one. */
  function expire(): void {
    expiryTimer = clearTimer(expiryTimer);
    if (!held) return;
    held = null;
    set({ status: CaptchalaStatus.Expired, token: '', issuedAt: null, expiresAt: null });
    on.expired?.();
    afterHandOut();
  }

  /** After a token left (handed out, expired, discarded): a fresh server token and re-init, or an SDK reset. */
  function afterHandOut(): void {
    if (source.refreshable) {
      init({ keepStatus: true }).catch(() => {});
      return;
    }
    try {
      instance?.reset();
    } catch (error) {
      onSdkError(error);
    }
    if (waiters.length > 0) runChallenge();
  }

  function onSdkError(raw: unknown): void {
    solving = false;
    const error = parseSdkError({ error: raw });
    const fixable = source.refreshable || !error.code.startsWith('server_token_');
    if (error.refreshable && fixable && refreshes < MAX_REFRESHES) {
      refreshes += 1;
      init().catch(() => {});
      return;
    }
    if (error.refreshable && !fixable) {
      fail(
        new CaptchalaError({
          code: error.code,
          message: `${error.message}: this app needs fresh server tokens; set server-token-url or serverTokenProvider instead of a static server-token.`,
          cause: raw,
        }),
      );
      return;
    }
    fail(error);
  }

  function onClose(): void {
    if (solving) {
      solving = false;
      set({ status: held ? CaptchalaStatus.Verified : CaptchalaStatus.Ready });
      settleWaiters(
        new CaptchalaError({
          code: 'challenge_closed',
          message: 'The challenge was closed before it was solved.',
        }),
      );
    }
    on.close?.();
  }

  function takeFreshToken(): string | null {
    if (!held) return null;
    if (platform.now() >= held.freshUntil) {
      expire();
      return null;
    }
    const { token } = held;
    held = null;
    expiryTimer = clearTimer(expiryTimer);
    set({ status: CaptchalaStatus.Consumed, token: '', issuedAt: null, expiresAt: null });
    afterHandOut();
    return token;
  }

  function getToken(options: GetTokenOptions = {}): Promise<string> {
    if (destroyed) {
      return Promise.reject(new CaptchalaError({ code: 'destroyed', message: 'The widget was destroyed.' }));
    }
    const fresh = takeFreshToken();
    if (fresh) return Promise.resolve(fresh);
    const { signal, timeoutMs } = options;
    return new Promise<string>((resolve, reject) => {
      if (signal?.aborted) {
        reject(
          new CaptchalaError({ code: 'aborted', message: 'getToken() was aborted.', cause: signal.reason }),
        );
        return;
      }
      let timer: unknown = null;
      const cleanup = () => {
        timer = clearTimer(timer);
        signal?.removeEventListener('abort', onAbort);
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
      };
      const waiter: Waiter = {
        resolve: (token) => {
          cleanup();
          resolve(token);
        },
        reject: (error) => {
          cleanup();
          reject(error);
        },
      };
      function onAbort() {
        waiter.reject(
          new CaptchalaError({ code: 'aborted', message: 'getToken() was aborted.', cause: signal?.reason }),
        );
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined) {
        timer = platform.setTimeout(
          () =>
            waiter.reject(
              new CaptchalaError({
                code: 'challenge_timeout',
                message: `No token within ${timeoutMs} ms: the challenge was not solved in time.`,
              }),
            ),
          timeoutMs,
        );
      }
      waiters.push(waiter);
      if (!instance && store.getSnapshot().status === CaptchalaStatus.Error) init().catch(() => {});
      else runChallenge();
    });
  }

  function discardToken(): void {
    if (!held) return;
    held = null;
    expiryTimer = clearTimer(expiryTimer);
    set({
      status: ready ? CaptchalaStatus.Ready : store.getSnapshot().status,
      token: '',
      issuedAt: null,
      expiresAt: null,
    });
    afterHandOut();
  }

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    mount(mountOptions) {
      container = mountOptions.container;
      return init();
    },
    update(patch) {
      const changed = (Object.keys(patch) as Array<keyof typeof patch>).filter(
        (key) => !sameOption(patch[key], config[key]),
      );
      if (changed.length === 0) return;
      config = { ...config, ...patch };
      const structural = changed.filter((key) => key !== 'tokenTtl' && key !== 'refreshMargin');
      if (structural.length === 0) return;
      if (structural.every((key) => key === 'lang') && instance?.setLang) {
        instance.setLang(config.lang || 'auto');
        return;
      }
      source = makeSource();
      held = null;
      expiryTimer = clearTimer(expiryTimer);
      set({ token: '', issuedAt: null, expiresAt: null });
      init().catch(() => {});
    },
    takeFreshToken,
    getToken,
    discardToken,
    reset() {
      held = null;
      expiryTimer = clearTimer(expiryTimer);
      refreshes = 0;
      set({ token: '', issuedAt: null, expiresAt: null });
      return init();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      generation += 1;
      initAbort?.abort();
      expiryTimer = clearTimer(expiryTimer);
      held = null;
      teardownInstance();
      settleWaiters(new CaptchalaError({ code: 'destroyed', message: 'The widget was destroyed.' }));
      set({ ...IDLE_SNAPSHOT });
    },
  };
}
