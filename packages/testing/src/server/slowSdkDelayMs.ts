/** How long `?scenario=slow_sdk` holds the SDK without a usable `delay`. */
export const DEFAULT_SLOW_SDK_DELAY_MS = 1000;

/** The longest `?scenario=slow_sdk&delay=…` honoured: one request cannot hold a connection open for longer. */
export const MAX_SLOW_SDK_DELAY_MS = 30_000;

export interface SlowSdkDelayMsOptions {
  /** The `delay` query parameter (ms), as sent. */
  delay: string | null;
  /** The clamp (default {@link MAX_SLOW_SDK_DELAY_MS}). */
  maxMs?: number;
}

/** The `slow_sdk` delay to wait: `delay` when it is a number ≥ 0, the default otherwise, never over `maxMs`. */
export function slowSdkDelayMs(options: SlowSdkDelayMsOptions): number {
  const { delay, maxMs = MAX_SLOW_SDK_DELAY_MS } = options;
  const requested = delay === null || delay.trim() === '' ? Number.NaN : Number(delay);
  const ms = Number.isFinite(requested) && requested >= 0 ? requested : DEFAULT_SLOW_SDK_DELAY_MS;
  return Math.min(ms, maxMs);
}
