import { defineCaptchalaWidget } from '@captchala-kit/element';
import { version } from 'react';
import { standIn } from '../../../test/browser';
import { allowLoaderOrigins } from '../src/index';

export { fake, loaderSrc, next, sdkRoots, standIn } from '../../../test/browser';

// The kit loads only CaptchaLa's own scripts unless the page's JavaScript names others, as a site names its own.
allowLoaderOrigins(standIn.scriptUrls());

/** The React major this run uses: the `browser` project runs React 19, `browser-react18` React 18. */
export const reactMajor = Number(version.split('.')[0]);

interface Live {
  /** Delays of the timers set since tracking began that are still pending (neither fired nor cleared). */
  timers(): number[];
  /** Listeners added since tracking began and still there, as `target type`. */
  listeners(): string[];
  stop(): void;
}

/**
 * Follows the timers, and the listeners on window, document and every `<captchala-widget>`, set from now on:
 * what an unmounted widget must not leave behind. React's and Vitest's own timers bypass it (both keep the
 * `setTimeout` they found at startup).
 */
export function trackLive(): Live {
  const timers = new Map<number, number>();
  const { setTimeout: set, clearTimeout: clear } = window;
  Object.assign(window, {
    setTimeout(callback: TimerHandler, ms?: number, ...args: unknown[]) {
      const id: number = set(
        (...values: unknown[]) => {
          timers.delete(id);
          if (typeof callback === 'function') callback(...values);
        },
        ms,
        ...args,
      );
      timers.set(id, ms ?? 0);
      return id;
    },
    clearTimeout(id?: number) {
      if (id !== undefined) timers.delete(id);
      clear(id);
    },
  });
  // The DOM keeps one listener per target, type, function and capture flag: so does this.
  const listeners = new Map<string, Set<unknown>>();
  const entry = (target: EventTarget, type: string, options?: boolean | EventListenerOptions) => {
    const label =
      target === window ? 'window' : target === document ? 'document' : (target as Element).localName;
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
    const key = `${label} ${type}${capture ? ' (capture)' : ''}`;
    if (!listeners.has(key)) listeners.set(key, new Set());
    return listeners.get(key)!;
  };
  const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
  // Own methods on the targets that outlive a widget, and on the element class: the inherited ones stay as they are.
  const patched = [window, document, defineCaptchalaWidget()!.prototype];
  for (const target of patched) {
    Object.assign(target, {
      addEventListener(
        this: EventTarget,
        type: string,
        listener: EventListener,
        options?: boolean | AddEventListenerOptions,
      ) {
        entry(this, type, options).add(listener);
        // An aborted signal removes the listener, as removeEventListener would.
        const signal = typeof options === 'object' ? options.signal : undefined;
        signal?.addEventListener('abort', () => entry(this, type, options).delete(listener), { once: true });
        add.call(this, type, listener, options);
      },
      removeEventListener(
        this: EventTarget,
        type: string,
        listener: EventListener,
        options?: boolean | EventListenerOptions,
      ) {
        entry(this, type, options).delete(listener);
        remove.call(this, type, listener, options);
      },
    });
  }
  return {
    timers: () => [...timers.values()],
    listeners: () => [...listeners].flatMap(([key, set]) => Array<string>(set.size).fill(key)),
    stop() {
      Object.assign(window, { setTimeout: set, clearTimeout: clear });
      for (const target of patched) {
        Reflect.deleteProperty(target, 'addEventListener');
        Reflect.deleteProperty(target, 'removeEventListener');
      }
    },
  };
}
