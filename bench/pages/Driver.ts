import { allowLoaderOrigins, type Product } from '@captchala-kit/core';

/** Where the pages load CaptchaLa's loader from: the stand-in, same origin. */
export const LOADER_SRC = '/__captchala/captchala-loader.js';

/**
 * Names the stand-in's loader and the SDK it fetches, by their exact URLs on the page's origin, as a site names its
 * self-hosted loader: the kit loads CaptchaLa's own scripts and nothing else until the page's JavaScript does.
 */
export function allowStandIn(): void {
  allowLoaderOrigins(
    [LOADER_SRC, '/__captchala/captchala.js'].map((path) => new URL(path, location.origin).href),
  );
}

export interface MountOptions {
  count: number;
  appKey: string;
  product?: Product;
}

/** Puts widgets on the page one way (the kit through a framework, or the SDK by hand). */
export interface Driver {
  /** Inserts `count` widgets at once; resolves with the ms from insertion to the last one's ready. */
  mount(options: MountOptions): Promise<number>;
  /** Removes them all; resolves once the page has committed the removal. */
  unmount(): Promise<void>;
}

/** What each bench page exposes to the benchmarks: the kit's driver, and the hand-made SDK integration. */
export interface BenchApi {
  kit: Driver;
  hand: Driver;
}

declare global {
  interface Window {
    bench: BenchApi;
  }
}

/** A host element for one driver. */
export function host(id: string): HTMLElement {
  const element = document.createElement('div');
  element.id = id;
  document.body.append(element);
  return element;
}

/** Resolves when `count` distinct widgets inside `host` have fired `captchala-ready`. */
export function readyEvents(container: HTMLElement, count: number): Promise<void> {
  return new Promise((resolve) => {
    const ready = new Set<EventTarget>();
    const onReady = (event: Event) => {
      if (event.target) ready.add(event.target);
      if (ready.size < count) return;
      container.removeEventListener('captchala-ready', onReady);
      resolve();
    };
    container.addEventListener('captchala-ready', onReady);
  });
}
