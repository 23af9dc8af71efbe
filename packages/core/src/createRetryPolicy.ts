import type { ControllerPlatform } from './controllerTypes';

type Clock = Pick<ControllerPlatform, 'now' | 'setTimeout' | 'clearTimeout'>;

/** First wait after a failed init; it doubles with every failure in a row, up to the cap. */
const BASE_MS = 1_000;
const CAP_MS = 15_000;
/** Refreshable SDK errors re-init by themselves at most this many times per window; then the error is final. */
const MAX_AUTOMATIC = 2;
const AUTOMATIC_WINDOW_MS = 60_000;

/**
 * Every re-init the widget does without being asked, and every retry a user action asks for, in one place:
 * automatic re-inits after refreshable SDK errors are bounded per window; after a failed init, a user action
 * retries at once when the last failure is old enough, or when its backoff has passed; never more than one
 * retry is scheduled. Nothing here can loop: each automatic re-init spends budget, each failure doubles the wait.
 */
export interface RetryPolicy {
  /** A refreshable error: true (and counted) while the window still allows an automatic re-init. */
  takeAutomatic(): boolean;
  /** An init failed: the next retry waits out the backoff. */
  failed(): void;
  /** An instance reported ready: failures in a row start over. */
  ready(): void;
  /** A token was solved, or the widget was reset: automatic re-inits start over. */
  solved(): void;
  /** Runs `retry` now or when the backoff since the last failure has passed (once, however often asked). */
  schedule(retry: () => void): void;
  /** True while a retry waits for its backoff. */
  readonly waiting: boolean;
  /** Drops the scheduled retry: whoever re-inits instead does it now. */
  cancel(): void;
}

export function createRetryPolicy(clock: Clock): RetryPolicy {
  let failures = 0;
  let lastFailure = 0;
  let timer: unknown = null;
  const automatic: number[] = [];
  return {
    get waiting() {
      return timer !== null;
    },
    takeAutomatic() {
      const now = clock.now();
      while (automatic.length > 0 && now - (automatic[0] as number) > AUTOMATIC_WINDOW_MS) automatic.shift();
      if (automatic.length >= MAX_AUTOMATIC) return false;
      automatic.push(now);
      return true;
    },
    failed() {
      failures += 1;
      lastFailure = clock.now();
    },
    ready() {
      failures = 0;
    },
    solved() {
      automatic.length = 0;
    },
    schedule(retry) {
      if (timer !== null) return;
      const backoff = failures === 0 ? 0 : Math.min(CAP_MS, BASE_MS * 2 ** (failures - 1));
      const wait = Math.max(0, lastFailure + backoff - clock.now());
      if (wait === 0) return retry();
      timer = clock.setTimeout(() => {
        timer = null;
        retry();
      }, wait);
    },
    cancel() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
