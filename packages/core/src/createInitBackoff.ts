import type { ControllerPlatform } from './controllerTypes';

type Clock = Pick<ControllerPlatform, 'now' | 'setTimeout' | 'clearTimeout'>;

/** First wait after a failed init; it doubles with every failure in a row, up to the cap. */
const BASE_MS = 1_000;
const CAP_MS = 15_000;

/**
 * Spaces re-inits after failed inits: a user action retries at once when the last failure is old enough, or
 * when its backoff has passed; never more than one retry is scheduled.
 */
export interface InitBackoff {
  failed(): void;
  succeeded(): void;
  /** Runs `retry` now or when the backoff since the last failure has passed (once, however often asked). */
  schedule(retry: () => void): void;
  /** True while a retry waits for its backoff. */
  readonly waiting: boolean;
  cancel(): void;
}

export function createInitBackoff(clock: Clock): InitBackoff {
  let failures = 0;
  let lastFailure = 0;
  let timer: unknown = null;
  const cancel = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  return {
    get waiting() {
      return timer !== null;
    },
    failed() {
      failures += 1;
      lastFailure = clock.now();
    },
    succeeded() {
      failures = 0;
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
    cancel,
  };
}
