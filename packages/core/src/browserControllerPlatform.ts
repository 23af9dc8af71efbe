import type { ControllerPlatform } from './controllerTypes';

/** The controller's platform in a browser: the real clock, timers and fetch, and a hidden `bind` anchor. */
export function browserControllerPlatform(): ControllerPlatform {
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    // A relative URL (`server-token-url="/api/server-token"`) is the document's own: resolved against its real
    // location, never against `document.baseURI`, which an injected `<base href>` would point elsewhere.
    fetch: (input, init) =>
      globalThis.fetch(
        typeof input === 'string' ? new URL(input, globalThis.location.href).href : input,
        init,
      ),
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
