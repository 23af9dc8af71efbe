import { LoadingStrategy } from '@captchala-kit/core';

export interface LoadingTriggerOptions {
  strategy: LoadingStrategy;
  host: HTMLElement;
  form: () => HTMLFormElement | null;
  start: () => void;
  /** Margin around the viewport for `visible`. */
  rootMargin?: string;
}

/**
 * Calls `start` once, when the strategy says so: `eager` at once; `visible` and `interaction` through
 * `waitForLoadingTrigger`, loaded on first use (if that chunk cannot be loaded, the widget starts at once rather
 * than never). Returns a function that cancels the wait.
 */
export function loadingTrigger(options: LoadingTriggerOptions): () => void {
  if (options.strategy === LoadingStrategy.Eager) {
    options.start();
    return () => {};
  }
  let stopped = false;
  let stop: (() => void) | undefined;
  import('./waitForLoadingTrigger').then(
    ({ waitForLoadingTrigger }) => {
      if (!stopped) stop = waitForLoadingTrigger(options);
    },
    () => {
      if (!stopped) options.start();
    },
  );
  return () => {
    stopped = true;
    stop?.();
  };
}
