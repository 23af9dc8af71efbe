// @ts-check
// An init script for the leak benchmark (runs before any page script; plain JavaScript, as the browser gets it):
// wraps the timer functions and, once the SDK defines `window.Captchala`, its `init`, so the benchmark can count
// what is left after the widgets are gone: `window.__leakProbes.pendingTimers()` (timeouts neither run nor
// cleared, intervals not cleared) and `.liveSdkInstances()` (`init` calls minus first `destroy` calls).
(() => {
  /** @type {any} */
  const w = window;
  /** @type {Set<number>} */
  const pending = new Set();
  const { setTimeout, clearTimeout, setInterval, clearInterval } = window;
  w.setTimeout = (
    /** @type {TimerHandler} */ handler,
    /** @type {number} */ ms,
    /** @type {unknown[]} */ ...args
  ) => {
    if (typeof handler !== 'function') return setTimeout(handler, ms, ...args);
    const id = setTimeout(
      (/** @type {unknown[]} */ ...values) => {
        pending.delete(id);
        handler(...values);
      },
      ms,
      ...args,
    );
    pending.add(id);
    return id;
  };
  w.setInterval = (
    /** @type {TimerHandler} */ handler,
    /** @type {number} */ ms,
    /** @type {unknown[]} */ ...args
  ) => {
    const id = setInterval(handler, ms, ...args);
    pending.add(id);
    return id;
  };
  w.clearTimeout = (/** @type {number} */ id) => {
    pending.delete(id);
    clearTimeout(id);
  };
  w.clearInterval = (/** @type {number} */ id) => {
    pending.delete(id);
    clearInterval(id);
  };

  let live = 0;
  /** @type {unknown} */
  let sdk;
  Object.defineProperty(window, 'Captchala', {
    configurable: true,
    get: () => sdk,
    set(/** @type {{init(config: unknown): {destroy(): unknown}}} */ value) {
      const init = value.init;
      value.init = (config) => {
        const instance = init(config);
        live += 1;
        const destroy = instance.destroy;
        let destroyed = false;
        instance.destroy = () => {
          if (!destroyed) live -= 1;
          destroyed = true;
          return destroy();
        };
        return instance;
      };
      sdk = value;
    },
  });
  w.__leakProbes = { pendingTimers: () => pending.size, liveSdkInstances: () => live };
})();
