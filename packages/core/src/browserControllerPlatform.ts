import type { ControllerPlatform } from './controllerTypes';

/** The controller's platform in a browser: the real clock, timers and fetch, and a hidden `bind` anchor. */
export function browserControllerPlatform(): ControllerPlatform {
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    fetch: (...args) => globalThis.fetch(...args),
    createBindAnchor(container) {
      const element = container.ownerDocument.createElement('button');
      element.type = 'button';
      element.hidden = true;
      element.tabIndex = -1;
      element.setAttribute('aria-hidden', 'true');
      container.append(element);
      return { element, remove: () => element.remove() };
    },
  };
}
