import { LoadingStrategy } from './LoadingStrategy';

const INTERACTIONS = ['focusin', 'pointerdown', 'keydown', 'submit'] as const;

export interface LoadingTriggerOptions {
  strategy: LoadingStrategy;
  host: HTMLElement;
  form: () => HTMLFormElement | null;
  start: () => void;
  /** Margin around the viewport for `visible`. */
  rootMargin?: string;
}

/** Calls `start` once, when the strategy says so. Returns a function that cancels the wait. */
export function loadingTrigger(options: LoadingTriggerOptions): () => void {
  const { strategy, host, start } = options;
  if (strategy !== LoadingStrategy.Visible && strategy !== LoadingStrategy.Interaction) {
    start();
    return () => {};
  }
  const targets = [host, options.form()].filter((target): target is HTMLElement => target !== null);
  let observer: IntersectionObserver | undefined;
  const stop = () => {
    observer?.disconnect();
    for (const target of targets) {
      for (const type of INTERACTIONS) target.removeEventListener(type, fire, { capture: true });
    }
  };
  function fire() {
    stop();
    start();
  }
  // Capture phase: the widget's own submit guard must find the loader already started.
  for (const target of targets) {
    for (const type of INTERACTIONS) target.addEventListener(type, fire, { capture: true });
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
