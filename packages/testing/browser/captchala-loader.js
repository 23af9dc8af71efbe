// @ts-check
// The stand-in's `captchala-loader.js`. Like the real one (contract §1) it defines only
// `window.loadCaptchala(onReady, onError?)`; the SDK (`window.Captchala`) is fetched lazily on the first call.
// Scenarios through the loader URL's query: `?scenario=sdk_404` (the SDK fails to load), `silent` (never calls
// back), `no_global` (the SDK runs but defines nothing), `slow_sdk&delay=ms` (at most 30 s).
// Like the real one it neither creates a Trusted Types policy nor copies its nonce onto the SDK tag.
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
    // Like the real loader (contract §1), assume the worst: a plain string URL, no Trusted Types policy, and no
    // nonce copied from its own tag. Under enforced Trusted Types this assignment throws; under a nonce-only CSP
    // the SDK is refused; 'strict-dynamic' admits it.
    const script = document.createElement('script');
    script.src = sdkUrl.href;
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
