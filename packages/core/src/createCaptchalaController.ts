import { browserControllerPlatform } from './browserControllerPlatform';
import {
  type CaptchalaController,
  type CaptchalaControllerOptions,
  type CaptchalaSnapshot,
  CaptchalaStatus,
  type CaptchalaSuccessDetail,
  type ControllerPlatform,
  IDLE_SNAPSHOT,
} from './controllerTypes';
import { createHeldToken } from './createHeldToken';
import { createRetryPolicy } from './createRetryPolicy';
import { createServerTokenSource } from './createServerTokenSource';
import { createStore } from './createStore';
import { createWaiterQueue } from './createWaiterQueue';
import { DEFAULTS } from './DEFAULTS';
import { DEV } from './DEV';
import { CaptchalaError, parseSdkError, UNRECOVERABLE_CODES } from './errors';
import type { CaptchalaResult } from './sdk';
import { type SdkSession, startSdkSession } from './startSdkSession';

/** Handed-out tokens whose freshness the controller remembers (a form holds at most one per widget). */
const MAX_HANDED_OUT = 4;

/** What happened last, besides the session and the held token: with them, it decides the status. */
type Note =
  | { kind: 'none' }
  | { kind: 'solving' }
  | { kind: typeof CaptchalaStatus.Expired | typeof CaptchalaStatus.Consumed }
  | { kind: 'error'; error: CaptchalaError };
const NONE: Note = { kind: 'none' };

/**
 * Compares option values: plain objects and arrays (theme, loader) by content, everything else (functions,
 * class instances) by identity, at any depth: `{loader: {platform}}` with a new platform is a change.
 */
function sameOption(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!isPlain(a) || !isPlain(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameOption(a[key], b[key]));
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === Array.prototype || prototype === null;
}

const noop = () => {};

/**
 * The token lifecycle of one widget: loads the SDK, inits it, holds at most one fresh token, hands every token
 * out once, expires it on time, refreshes server tokens, re-inits on refreshable errors (bounded), and recovers
 * from failed inits on the next user action (bounded backoff). Every challenge starts from a ready instance.
 */
export function createCaptchalaController(options: CaptchalaControllerOptions): CaptchalaController {
  const platform: ControllerPlatform = { ...browserControllerPlatform(), ...options.platform };
  const on = options.on ?? {};
  const store = createStore<CaptchalaSnapshot>({ initial: IDLE_SNAPSHOT });
  const waiters = createWaiterQueue(platform);
  const held = createHeldToken({ clock: platform, onStale: expire });
  const retries = createRetryPolicy(platform);

  let config = { ...options };
  let source = makeSource();
  let container: HTMLElement | null = null;
  let session: SdkSession | null = null;
  let destroyed = false;
  let note: Note = NONE;
  /** The re-init scheduled after a hand-out. */
  let reinit: unknown = null;

  function makeSource() {
    return createServerTokenSource({
      action: config.action ?? DEFAULTS.action,
      serverToken: config.serverToken,
      serverTokenUrl: config.serverTokenUrl,
      serverTokenProvider: config.serverTokenProvider,
      now: platform.now,
      setTimeout: platform.setTimeout,
      fetch: platform.fetch,
    });
  }

  /** The one place status is decided. */
  function deriveStatus(): CaptchalaStatus {
    if (!container || destroyed) return CaptchalaStatus.Idle;
    if (note.kind === 'error') return CaptchalaStatus.Error;
    if (note.kind === 'solving') return CaptchalaStatus.Solving;
    if (held.current) return CaptchalaStatus.Verified;
    if (note.kind !== 'none') return note.kind;
    return session?.ready ? CaptchalaStatus.Ready : CaptchalaStatus.Loading;
  }

  function publish(): void {
    const before = store.getSnapshot().status;
    const token = held.current;
    store.update({
      status: deriveStatus(),
      token: token?.token ?? '',
      issuedAt: token?.issuedAt ?? null,
      expiresAt: token?.expiresAt ?? null,
      error: note.kind === 'error' ? note.error : null,
    });
    const after = store.getSnapshot().status;
    if (after !== before) on.status?.(after);
  }

  function fail(error: CaptchalaError): void {
    note = { kind: 'error', error };
    // Callers hear first (their handlers run before anything reacting to the events below), so a submit guard
    // is free again by the time a page's error handler lets the user retry.
    waiters.rejectAll(error);
    publish();
    on.error?.(error);
  }

  /** The instance is unusable: tear it down and report; the next user action re-inits (with backoff). */
  function initFailed(error: CaptchalaError): void {
    session?.destroy();
    session = null;
    retries.failed();
    fail(error);
  }

  /**
   * The one way an instance is (re)created: whatever re-init was pending (a backoff, the re-init after a
   * hand-out) is cancelled, so no earlier decision creates another instance on top of this one; each init
   * preloads a challenge, which CaptchaLa bills.
   * `keepNote`: after a hand-out or expiry, `consumed`/`expired` stay visible while the SDK re-inits. A failure
   * is reported through `on.error`; the promise (its rejection already handled) only tells a caller when it settled.
   */
  function restart(keepNote = false): Promise<void> {
    retries.cancel();
    if (reinit !== null) platform.clearTimeout(reinit);
    reinit = null;
    if (!container || destroyed) return Promise.resolve();
    session?.destroy();
    if (!keepNote || note.kind === 'error' || note.kind === 'solving') note = NONE;
    const s = startSdkSession({
      config,
      source,
      platform,
      container,
      on: {
        ready: onReady,
        success: onSuccess,
        sdkError: onSdkError,
        close: onClose,
        failed: initFailed,
      },
    });
    session = s;
    publish();
    s.started.catch(noop);
    return s.started;
  }

  function onReady(): void {
    retries.ready();
    publish();
    on.ready?.();
    if (waiters.size > 0) runChallenge();
  }

  function runChallenge(): void {
    if (!session?.ready || note.kind === 'solving') return;
    note = { kind: 'solving' };
    publish();
    session.challenge();
  }

  function onSuccess(result: CaptchalaResult): void {
    note = NONE;
    const token = typeof result?.token === 'string' ? result.token : '';
    if (!token) {
      fail(
        new CaptchalaError({
          code: 'unknown_error',
          message: DEV ? 'The CaptchaLa SDK reported success without a token.' : '',
        }),
      );
      return;
    }
    retries.solved();
    const issuedAt = platform.now();
    const ttlS =
      typeof result.ttl === 'number' && result.ttl > 0 ? result.ttl : (config.tokenTtl ?? DEFAULTS.tokenTtl);
    const marginS = Math.min(config.refreshMargin ?? DEFAULTS.refreshMargin, ttlS / 2);
    const detail: CaptchalaSuccessDetail = { token, issuedAt, expiresAt: issuedAt + ttlS * 1000, result };
    if (waiters.size > 0) {
      // Straight to a caller: never held, so never in the snapshot or a form value.
      handOut(token, detail.expiresAt - marginS * 1000);
      note = { kind: CaptchalaStatus.Consumed };
      publish();
      on.success?.(detail);
      waiters.resolveNext(token);
      afterHandOut();
      return;
    }
    held.hold({ ...detail, freshUntil: detail.expiresAt - marginS * 1000 });
    publish();
    on.success?.(detail);
  }

  /** The held token went stale unused (already dropped): say so once, and ready the SDK for the next one. */
  function expire(): void {
    note = { kind: CaptchalaStatus.Expired };
    publish();
    on.expired?.();
    afterHandOut();
  }

  /**
   * After a token left (handed out, expired, discarded): destroy and re-init, with a fresh server token when one
   * can be had, as the official integrations do after every submit. Not `reset()`: whether the SDK reports ready
   * again after a reset is not known (contract §2), and a challenge shown before ready costs a second challenge
   * fetch and a server-token use; a new instance always reports ready. The old instance goes at once (nothing
   * may use a solved one); the new one starts a task later, off the submit event that handed the token out.
   */
  function afterHandOut(): void {
    session?.destroy();
    session = null;
    publish();
    if (reinit === null) {
      reinit = platform.setTimeout(() => {
        reinit = null;
        if (!session) restart(true);
      }, 0);
    }
  }

  /** A caller needs an instance and none exists: start one now (or, after an error, retry with backoff). */
  function wake(): void {
    if (retries.waiting) return; // a retry is already on its way
    if (note.kind === 'error') retry();
    else restart(true);
  }

  function onSdkError(raw: unknown): void {
    if (note.kind === 'solving') note = NONE;
    const error = parseSdkError({ error: raw });
    if (error.refreshable) {
      if (needsFreshServerTokens(error)) {
        initFailed(
          new CaptchalaError({
            code: error.code,
            message: DEV
              ? `${error.message}: this app needs fresh server tokens; set serverTokenUrl or serverTokenProvider instead of a static serverToken.`
              : '',
            cause: raw,
          }),
        );
      } else if (retries.takeAutomatic()) {
        restart();
      } else {
        initFailed(error);
      }
      return;
    }
    // Before ready the instance is unusable; mid-challenge it stays, and the next action runs a new challenge.
    if (session?.ready) fail(error);
    else initFailed(error);
  }

  function onClose(): void {
    if (note.kind === 'solving') {
      note = NONE;
      waiters.rejectAll(
        new CaptchalaError({
          code: 'challenge_closed',
          message: DEV ? 'The challenge was closed before it was solved.' : '',
        }),
      );
      publish();
    }
    on.close?.();
  }

  function unrecoverable(error: CaptchalaError): boolean {
    return UNRECOVERABLE_CODES.has(error.code) || needsFreshServerTokens(error);
  }

  /** A server-token error that only fresh tokens fix, and the source has none (a static `serverToken`). */
  function needsFreshServerTokens(error: CaptchalaError): boolean {
    return !source.refreshable && error.code.startsWith('server_token_');
  }

  function retry(): void {
    if (destroyed || !container || session || note.kind !== 'error') return;
    const { error } = note;
    if (unrecoverable(error)) {
      // No retry can fix it: this action fails at once, and says so again.
      on.error?.(error);
      waiters.rejectAll(error);
      return;
    }
    note = NONE;
    publish();
    retries.schedule(() => void restart());
  }

  /** Until when each recently handed-out token counts as fresh (the last few only: they are spent within seconds). */
  const handedOut = new Map<string, number>();
  function handOut(token: string, freshUntil: number): void {
    handedOut.set(token, freshUntil);
    if (handedOut.size > MAX_HANDED_OUT) handedOut.delete(handedOut.keys().next().value as string);
  }

  function takeFreshToken(): string | null {
    const freshUntil = held.current?.freshUntil ?? 0;
    const token = held.take();
    if (!token) return null;
    handOut(token, freshUntil);
    note = { kind: CaptchalaStatus.Consumed };
    publish();
    afterHandOut();
    return token;
  }

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    mount(mountOptions) {
      container = mountOptions.container;
      return restart();
    },
    update(patch) {
      const changed = (Object.keys(patch) as Array<keyof typeof patch>).filter(
        (key) => !sameOption(patch[key], config[key]),
      );
      if (changed.length === 0) return;
      config = { ...config, ...patch };
      // The next token's lifetime, and where the next server token comes from, need no re-init: a new provider
      // function (frameworks make one per render) is used from the next fetch on.
      if (changed.includes('serverTokenProvider')) source = makeSource();
      const structural = changed.filter(
        (key) => key !== 'tokenTtl' && key !== 'refreshMargin' && key !== 'serverTokenProvider',
      );
      if (structural.length === 0) return;
      if (structural.every((key) => key === 'lang') && session?.setLang(config.lang || 'auto')) return;
      source = makeSource();
      held.drop();
      restart();
    },
    hasFreshToken: held.isFresh,
    takeFreshToken,
    isHandedOutTokenFresh: (token) => platform.now() < (handedOut.get(token) ?? 0),
    getToken(getOptions = {}) {
      if (destroyed) {
        return Promise.reject(destroyedError());
      }
      const fresh = takeFreshToken();
      if (fresh) return Promise.resolve(fresh);
      const token = waiters.add(getOptions);
      // Ready: a challenge now. Loading: onReady runs it. No instance (between a hand-out and its re-init, or
      // after a failed init): start one (after an error: with backoff, or fail at once).
      if (session?.ready) runChallenge();
      else if (!session) wake();
      return token;
    },
    retry,
    discardToken() {
      if (!held.current) return;
      held.drop();
      note = NONE;
      afterHandOut();
    },
    reset() {
      held.drop();
      retries.solved();
      return restart();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      retries.cancel();
      if (reinit !== null) platform.clearTimeout(reinit);
      held.drop();
      session?.destroy();
      session = null;
      note = NONE;
      waiters.rejectAll(destroyedError());
      publish();
    },
  };
}

function destroyedError(): CaptchalaError {
  return new CaptchalaError({ code: 'destroyed', message: DEV ? 'The widget was destroyed.' : '' });
}
