import { LoadingStrategy } from '@captchala-kit/core';
import type { LoadingTriggerOptions } from './loadingTrigger';

const INTERACTIONS = ['focusin', 'pointerdown', 'keydown', 'submit'] as const;

/**
 * `visible` and `interaction`: calls `start` once, on the first interaction with the widget or its form, or (for
 * `visible`) when the widget nears the viewport. Returns a function that cancels the wait. Loaded on demand:
 * pages with eager widgets never fetch it.
 */
export function waitForLoadingTrigger(options: LoadingTriggerOptions): () => void {
  const { strategy, host, start } = options;
  const listening = new AbortController();
  let observer: IntersectionObserver | undefined;
  const stop = () => {
    observer?.disconnect();
    listening.abort();
  };
  const fire = () => {
    stop();
    start();
  };
  // Capture phase: the widget's own submit guard must find the loader already started.
  for (const target of [host, options.form()]) {
    for (const type of INTERACTIONS) {
      target?.addEventListener(type, fire, { capture: true, signal: listening.signal });
    }
  }
  if (strategy === LoadingStrategy.Visible) {
    observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) fire();
      },
      { rootMargin: options.rootMargin ?? '200px' },
    );
    observer.observe(host);
  }
  return stop;
}
