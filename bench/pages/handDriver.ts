import type { CaptchalaInstance, CaptchalaSdk } from '@captchala-kit/core';
import type { CaptchalaGlobals } from '@captchala-kit/core/internal';
import { type Driver, LOADER_SRC } from './Driver';

const globals = window as Window & CaptchalaGlobals;

/** The loader's script once, then `loadCaptchala()`: what a hand-made integration does before its first init. */
function loadSdk(): Promise<CaptchalaSdk> {
  if (globals.Captchala) return Promise.resolve(globals.Captchala);
  return new Promise((resolve, reject) => {
    const load = () => globals.loadCaptchala?.(() => resolve(globals.Captchala as CaptchalaSdk), reject);
    if (globals.loadCaptchala) return load();
    const script = document.createElement('script');
    script.src = LOADER_SRC;
    script.onload = load;
    script.onerror = reject;
    document.head.append(script);
  });
}

/** The SDK by hand, as the official integrations do: `Captchala.init({...})`, `onReady`, `appendTo(div)`. */
export function handDriver(container: HTMLElement): Driver {
  let instances: CaptchalaInstance[] = [];
  return {
    async mount({ count, appKey, product = 'popup' }) {
      const sdk = await loadSdk();
      const start = performance.now();
      const ready = Array.from({ length: count }, () => {
        const target = document.createElement('div');
        container.append(target);
        const instance = sdk.init({ appKey, product, action: 'default' });
        instances.push(instance);
        const whenReady = new Promise<void>((resolve) => instance.onReady(resolve));
        if (product === 'bind') instance.bindTo(target);
        else instance.appendTo(target);
        return whenReady;
      });
      await Promise.all(ready);
      return performance.now() - start;
    },
    async unmount() {
      for (const instance of instances) instance.destroy();
      instances = [];
      container.replaceChildren();
    },
  };
}
