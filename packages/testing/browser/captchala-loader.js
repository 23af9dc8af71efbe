// @ts-check
// The stand-in's `captchala-loader.js`. Like the real one (contract §1) it defines only
// `window.loadCaptchala(onReady, onError?)`; the SDK (`window.Captchala`) is fetched lazily on the first call.
// Scenarios through the loader URL's query: `?scenario=sdk_404` (the SDK fails to load), `silent` (never calls
// back), `no_global` (the SDK runs but defines nothing), `slow_sdk&delay=ms`.
(() => {
  /** @type {any} */
  const w = window;
  /** @type {{loaderExecutions: number, loadCalls: number, sdkRequests: number}} */
  w.__captchalaFake ??= { loaderExecutions: 0, loadCalls: 0, sdkRequests: 0 };
  const debug = w.__captchalaFake;
  debug.loaderExecutions += 1;
  // Included twice: keep the first copy's state, as a careful real loader would.
  if (typeof w.loadCaptchala === 'function') return;

  const self = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const loaderUrl = new URL(self?.src ?? `${location.origin}/captchala-loader.js`);
  const sdkUrl = new URL(loaderUrl.pathname.replace(/captchala-loader\.js$/, 'captchala.js'), loaderUrl);
  sdkUrl.search = loaderUrl.search;
  const scenario = loaderUrl.searchParams.get('scenario');
  const nonce = self?.nonce ?? '';

  /** Under enforced Trusted Types the SDK URL goes through a policy named `captchala-fake`. */
  function trustedSdkUrl() {
    try {
      const policy = w.trustedTypes?.createPolicy('captchala-fake', { createScriptURL: () => sdkUrl.href });
      if (policy) return policy.createScriptURL(sdkUrl.href);
    } catch {
      // The page does not allow this policy name: the plain URL is refused as it would be for the real loader.
    }
    return sdkUrl.href;
  }

  /** @type {'idle' | 'loading' | 'ready'} */
  let state = 'idle';
  /** @type {Array<[() => void, ((error: unknown) => void) | undefined]>} */
  let waiting = [];

  /** @param {unknown} error */
  function fail(error) {
    const callbacks = waiting;
    waiting = [];
    state = 'idle';
    for (const [, onError] of callbacks) onError?.(error);
  }

  function ready() {
    const callbacks = waiting;
    waiting = [];
    state = 'ready';
    for (const [onReady] of callbacks) onReady();
  }

  /**
   * @param {() => void} onReady
   * @param {(error: unknown) => void} [onError]
   */
  w.loadCaptchala = (onReady, onError) => {
    debug.loadCalls += 1;
    if (scenario === 'silent') return;
    if (state === 'ready') {
      queueMicrotask(() => onReady());
      return;
    }
    waiting.push([onReady, onError]);
    if (state === 'loading') return;
    state = 'loading';
    const script = document.createElement('script');
    /** @type {any} */ (script).src = trustedSdkUrl();
    if (nonce) script.nonce = nonce;
    script.onload = () => {
      if (w.Captchala && typeof w.Captchala.init === 'function') ready();
      else fail(new Error('CaptchaLa SDK loaded but did not initialise'));
    };
    script.onerror = () => {
      script.remove();
      fail(`Failed to load the CaptchaLa SDK from ${sdkUrl.href}`);
    };
    debug.sdkRequests += 1;
    document.head.append(script);
  };
})();
