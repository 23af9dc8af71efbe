import type { CaptchalaInitConfig, CaptchalaResult, CaptchalaSdk } from '../src/index';
import type { CaptchalaGlobals, CspViolation, LoaderPlatform } from '../src/internal';

export interface FakeScript {
  src: string;
  nonce: string | undefined;
  removed: boolean;
  load(): void;
  error(): void;
}

/** A page without a DOM: records injected scripts and lets tests fire their events. */
export function fakeLoaderPlatform(options: { online?: boolean; nonce?: string; existing?: string } = {}) {
  const globals: CaptchalaGlobals = {};
  const scripts: FakeScript[] = [];
  const csp = new Set<(violation: CspViolation) => void>();
  const online = new Set<() => void>();
  let isOnline = options.online ?? true;
  const makeScript = (src: string, nonce: string | undefined): FakeScript => {
    const listeners = new Set<{ load: () => void; error: () => void }>();
    const script: FakeScript = {
      src,
      nonce,
      removed: false,
      load: () => {
        for (const l of [...listeners]) l.load();
      },
      error: () => {
        for (const l of [...listeners]) l.error();
      },
    };
    handles.set(script, {
      watch(callbacks) {
        listeners.add(callbacks);
        return () => listeners.delete(callbacks);
      },
      remove: () => {
        script.removed = true;
      },
    });
    return script;
  };
  const handles = new Map<FakeScript, ReturnType<LoaderPlatform['injectScript']>>();
  const existing = options.existing ? makeScript(options.existing, undefined) : null;
  const platform: LoaderPlatform = {
    key: {},
    pageUrl: 'https://site.example/signup',
    pageOrigin: 'https://site.example',
    globals,
    findScript: (src) => (existing && existing.src === src ? handles.get(existing)! : null),
    injectScript({ src, nonce }) {
      const script = makeScript(src, nonce);
      scripts.push(script);
      return handles.get(script)!;
    },
    detectNonce: () => options.nonce,
    onCspViolation(listener) {
      csp.add(listener);
      return () => csp.delete(listener);
    },
    isOnline: () => isOnline,
    onOnline(listener) {
      online.add(listener);
      return () => online.delete(listener);
    },
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  return {
    platform,
    globals,
    scripts,
    existing,
    goOnline() {
      isOnline = true;
      for (const listener of [...online]) listener();
    },
    violate(violation: CspViolation) {
      for (const listener of [...csp]) listener(violation);
    },
    listenerCounts: () => ({ csp: csp.size, online: online.size }),
  };
}

/** Makes a loaded script define a working `loadCaptchala` that provides `sdk` lazily. */
export function defineLoader(globals: CaptchalaGlobals, sdk: CaptchalaSdk) {
  const calls = { count: 0 };
  globals.loadCaptchala = (onReady) => {
    calls.count += 1;
    globals.Captchala = sdk;
    queueMicrotask(onReady);
  };
  return calls;
}

export interface FakeInstance {
  config: CaptchalaInitConfig;
  calls: string[];
  appendedTo: unknown;
  boundTo: unknown;
  destroyed: boolean;
  ready(): void;
  succeed(result: Partial<CaptchalaResult> & { token: string }): void;
  fail(error: unknown): void;
  close(): void;
  setLang?: (lang: string) => void;
}

/** An SDK whose instances the test drives by hand. */
export function fakeSdk(options: { setLang?: boolean } = {}) {
  const instances: FakeInstance[] = [];
  const sdk: CaptchalaSdk = {
    init(config) {
      const handlers = {
        ready: [] as Array<() => void>,
        success: [] as Array<(r: CaptchalaResult) => void>,
        error: [] as Array<(e: unknown) => void>,
        close: [] as Array<() => void>,
      };
      const fake: FakeInstance = {
        config,
        calls: [],
        appendedTo: null,
        boundTo: null,
        destroyed: false,
        ready: () => {
          for (const h of handlers.ready) h();
        },
        succeed: (result) => {
          for (const h of handlers.success) h(result as CaptchalaResult);
        },
        fail: (error) => {
          for (const h of handlers.error) h(error);
        },
        close: () => {
          for (const h of handlers.close) h();
        },
      };
      instances.push(fake);
      const instance = {
        onReady: (cb: () => void) => {
          handlers.ready.push(cb);
          return instance;
        },
        onSuccess: (cb: (r: CaptchalaResult) => void) => {
          handlers.success.push(cb);
          return instance;
        },
        onError: (cb: (e: unknown) => void) => {
          handlers.error.push(cb);
          return instance;
        },
        onClose: (cb: () => void) => {
          handlers.close.push(cb);
          return instance;
        },
        appendTo: (target: unknown) => {
          fake.appendedTo = target;
          return instance;
        },
        bindTo: (target: unknown) => {
          fake.boundTo = target;
        },
        showCaptcha: () => fake.calls.push('showCaptcha'),
        verify: () => fake.calls.push('verify'),
        reset: () => fake.calls.push('reset'),
        destroy: () => {
          fake.destroyed = true;
          fake.calls.push('destroy');
        },
        ...(options.setLang ? { setLang: (lang: string) => fake.calls.push(`setLang:${lang}`) } : {}),
      };
      return instance;
    },
  };
  return { sdk, instances, last: () => instances.at(-1)! };
}
