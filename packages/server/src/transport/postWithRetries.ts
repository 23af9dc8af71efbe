import { DEFAULTS } from '../DEFAULTS';
import { type Exchange, type PostJsonOptions, postJson } from './postJson';

export interface RetryOutcome {
  /** The last attempt's exchange. */
  exchange: Exchange;
  attempts: number;
  /** An earlier attempt may have reached CaptchaLa (and consumed the token) without its answer reaching us. */
  earlierMayHaveArrived: boolean;
}

export interface PostWithRetriesOptions extends PostJsonOptions {
  retries: number;
  /** The whole call, backoffs included: each attempt's timeout is cut to what is left. */
  deadlineMs: number;
}

/** Worth repeating: no answer, or a 5xx/408 (the provider failed; it did not refuse). Never a 4xx or a 429. */
const shouldRetry = (exchange: Exchange) =>
  exchange.type === 'lost' ||
  (exchange.type === 'answer' && (exchange.status >= 500 || exchange.status === 408));

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `postJson` with at most `retries` repeats after a lost answer or a 5xx, with exponential backoff and jitter
 * (so a fleet of servers does not retry in lockstep after an outage). Reports whether an earlier attempt may
 * have arrived: a 5xx or a timeout can come after the provider did the work, a refused connection cannot.
 */
export async function postWithRetries(options: PostWithRetriesOptions): Promise<RetryOutcome> {
  const deadline = Date.now() + options.deadlineMs;
  let earlierMayHaveArrived = false;
  for (let attempt = 1; ; attempt++) {
    const left = Math.max(1, deadline - Date.now());
    const exchange = await postJson({ ...options, timeoutMs: Math.min(options.timeoutMs, left) });
    const delay = DEFAULTS.retryDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
    const outOfTime = Date.now() + delay >= deadline;
    if (attempt > options.retries || !shouldRetry(exchange) || outOfTime) {
      return { exchange, attempts: attempt, earlierMayHaveArrived };
    }
    earlierMayHaveArrived ||=
      exchange.type === 'answer' || (exchange.type === 'lost' && exchange.mayHaveArrived);
    if (!(await sleep(delay, options.signal))) {
      return { exchange: { type: 'aborted' }, attempts: attempt, earlierMayHaveArrived };
    }
  }
}
