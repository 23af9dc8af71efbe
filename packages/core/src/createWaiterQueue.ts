import type { ControllerPlatform, GetTokenOptions } from './controllerTypes';
import { DEV } from './DEV';
import { CaptchalaError } from './errors';

type Timers = Pick<ControllerPlatform, 'setTimeout' | 'clearTimeout'>;

/** Callers of `getToken()` waiting for a challenge, first come first served; each settles exactly once. */
export interface WaiterQueue {
  readonly size: number;
  /** Queues a caller; it rejects by itself on abort (`aborted`) or timeout (`challenge_timeout`). */
  add(options: GetTokenOptions): Promise<string>;
  /** Gives the token to the oldest caller, if any. */
  resolveNext(token: string): void;
  /** Rejects every waiting caller. */
  rejectAll(error: CaptchalaError): void;
}

interface Waiter {
  resolve(token: string): void;
  reject(error: CaptchalaError): void;
}

function aborted(signal: AbortSignal): CaptchalaError {
  return new CaptchalaError({
    code: 'aborted',
    message: DEV ? 'getToken() was aborted.' : '',
    cause: signal.reason,
  });
}

export function createWaiterQueue(timers: Timers): WaiterQueue {
  const waiters: Waiter[] = [];
  return {
    get size() {
      return waiters.length;
    },
    add({ signal, timeoutMs }) {
      return new Promise<string>((resolve, reject) => {
        if (signal?.aborted) return reject(aborted(signal));
        let timer: unknown = null;
        const settle = () => {
          if (timer !== null) timers.clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
        };
        const waiter: Waiter = {
          resolve: (token) => {
            settle();
            resolve(token);
          },
          reject: (error) => {
            settle();
            reject(error);
          },
        };
        function onAbort() {
          waiter.reject(aborted(signal as AbortSignal));
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        if (timeoutMs !== undefined) {
          timer = timers.setTimeout(
            () =>
              waiter.reject(
                new CaptchalaError({
                  code: 'challenge_timeout',
                  message: DEV
                    ? `No token within ${timeoutMs} ms: the challenge was not solved in time.`
                    : '',
                }),
              ),
            timeoutMs,
          );
        }
        waiters.push(waiter);
      });
    },
    resolveNext(token) {
      waiters[0]?.resolve(token);
    },
    rejectAll(error) {
      for (const waiter of [...waiters]) waiter.reject(error);
    },
  };
}
