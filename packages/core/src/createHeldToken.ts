import type { CaptchalaSuccessDetail, ControllerPlatform } from './controllerTypes';

type Clock = Pick<ControllerPlatform, 'now' | 'setTimeout' | 'clearTimeout'>;

export interface Held extends CaptchalaSuccessDetail {
  /** Epoch ms after which the token is no longer handed out. */
  freshUntil: number;
}

/** At most one fresh, never handed-out token, with the timer that drops it when it goes stale. */
export interface HeldToken {
  readonly current: Held | null;
  /** Holds a token until `freshUntil`, then calls `onStale`. */
  hold(held: Held): void;
  /** True while a token is held and still fresh by the clock (timers may lag behind a sleeping tab). */
  isFresh(): boolean;
  /** Hands the token out (it is gone from here) if fresh; a stale one is dropped through `onStale`. */
  take(): string | null;
  /** Forgets the token silently. */
  drop(): void;
}

export interface CreateHeldTokenOptions {
  clock: Clock;
  /** The held token went stale unused (it is already dropped). */
  onStale: () => void;
}

export function createHeldToken(options: CreateHeldTokenOptions): HeldToken {
  const { clock, onStale } = options;
  let current: Held | null = null;
  let timer: unknown = null;

  function drop(): void {
    current = null;
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  }

  function stale(): void {
    if (!current) return;
    drop();
    onStale();
  }

  const isFresh = () => current !== null && clock.now() < current.freshUntil;

  return {
    get current() {
      return current;
    },
    hold(held) {
      drop();
      current = held;
      timer = clock.setTimeout(stale, Math.max(0, held.freshUntil - clock.now()));
    },
    isFresh,
    take() {
      if (!current) return null;
      if (!isFresh()) {
        stale();
        return null;
      }
      const { token } = current;
      drop();
      return token;
    },
    drop,
  };
}
