import { Captchala } from '@captchala-kit/react';
import { createElement, StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { type Driver, LOADER_SRC, type MountOptions, readyEvents } from './Driver';

/** `<Captchala>` components in one React root under `<StrictMode>`, rendered and removed synchronously. */
export function reactDriver(container: HTMLElement): Driver {
  const root = createRoot(container);
  const render = ({ count, appKey, product = 'popup' }: MountOptions) =>
    flushSync(() =>
      root.render(
        createElement(
          StrictMode,
          null,
          Array.from({ length: count }, (_, index) =>
            createElement(Captchala, { key: index, appKey, product, loaderSrc: LOADER_SRC }),
          ),
        ),
      ),
    );
  return {
    async mount(options) {
      const ready = readyEvents(container, options.count);
      const start = performance.now();
      render(options);
      await ready;
      return performance.now() - start;
    },
    async unmount() {
      render({ count: 0, appKey: '' });
    },
  };
}
