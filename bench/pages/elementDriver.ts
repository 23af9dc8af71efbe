import '@captchala-kit/element/define';
import { type Driver, LOADER_SRC, readyEvents } from './Driver';

/** `<captchala-widget>` elements appended to `container` in one go. */
export function elementDriver(container: HTMLElement): Driver {
  return {
    async mount({ count, appKey, product = 'popup' }) {
      const ready = readyEvents(container, count);
      const start = performance.now();
      const widgets = Array.from({ length: count }, () => {
        const widget = document.createElement('captchala-widget');
        widget.setAttribute('app-key', appKey);
        widget.setAttribute('product', product);
        widget.setAttribute('loader-src', LOADER_SRC);
        return widget;
      });
      container.append(...widgets);
      await ready;
      return performance.now() - start;
    },
    async unmount() {
      container.replaceChildren();
    },
  };
}
