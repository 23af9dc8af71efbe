import { Captchala } from '@captchala-kit/vue';
import { createApp, h, nextTick, shallowRef } from 'vue';
import { type Driver, LOADER_SRC, type MountOptions, readyEvents } from './Driver';

/** `<Captchala>` components in one Vue app, driven by a reactive list. */
export function vueDriver(container: HTMLElement): Driver {
  const shown = shallowRef<MountOptions>({ count: 0, appKey: '' });
  createApp({
    render: () => {
      const { count, appKey, product = 'popup' } = shown.value;
      return Array.from({ length: count }, (_, index) =>
        h(Captchala, { key: index, appKey, product, loaderSrc: LOADER_SRC }),
      );
    },
  }).mount(container);
  return {
    async mount(options) {
      const ready = readyEvents(container, options.count);
      const start = performance.now();
      shown.value = options;
      await ready;
      return performance.now() - start;
    },
    async unmount() {
      shown.value = { count: 0, appKey: '' };
      await nextTick();
    },
  };
}
