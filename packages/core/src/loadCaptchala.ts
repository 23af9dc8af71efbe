import { CaptchalaError } from './errors';
import {
  browserLoaderPlatform,
  type LoaderPlatform,
  type ScriptHandle,
  TRUSTED_TYPES_POLICY,
} from './loaderPlatform';
import type { CaptchalaSdk } from './sdk';

/** CaptchaLa's loader on its CDN (contract §1). */
export const DEFAULT_LOADER_SRC = 'https://cdn.captcha-cdn.net/captchala-loader.js';

export interface LoadCaptchalaOptions {
  /** Loader URL (default: CaptchaLa's CDN). The first one asked for wins for the page. */
  src?: string;
  /** CSP nonce for the loader tag (default: detected from the page). */
  nonce?: string;
  /** Per attempt, for the script and for the loader's callback each (default 15 000). */
  timeoutMs?: number;
  /** Further attempts after a failed one (default 2). */
  retries?: number;
  /** Backoff base: attempt n waits `retryDelayMs * 2^(n-1)` (default 1 000). */
  retryDelayMs?: number;
  /** DOM access (default: the global document). */
  platform?: LoaderPlatform;
}

interface PageState {
  src: string;
  loading: Promise<CaptchalaSdk> | null;
}

const pages = new WeakMap<object, PageState>();

/**
 * Resolves `window.Captchala` once the loader's `onReady` ran. However many widgets, frameworks, remounts and
 * concurrent calls: at most one loader `<script>` per document, an existing tag or `window.loadCaptchala` is
 * reused, and a failure is never cached (the next call retries).
 */
export function loadCaptchala(options: LoadCaptchalaOptions = {}): Promise<CaptchalaSdk> {
  const platform = options.platform ?? browserLoaderPlatform();
  const src = options.src ?? DEFAULT_LOADER_SRC;
  let page = pages.get(platform.key);
  if (!page) {
    page = { src, loading: null };
    pages.set(platform.key, page);
  }
  if (page.src !== src) {
    return Promise.reject(
      new CaptchalaError({
        code: 'loader_src_conflict',
        message: `The CaptchaLa loader was already requested from ${page.src}; a second loader (${src}) is never added. Give every widget on the page the same loader-src.`,
      }),
    );
  }
  if (page.loading) return page.loading;
  const state = page;
  state.loading = loadWithRetries(platform, src, options).catch((error: unknown) => {
    state.loading = null;
    throw error;
  });
  return state.loading;
}

const RETRYABLE = new Set(['loader_timeout', 'loader_network_error', 'loader_callback_error']);

async function loadWithRetries(
  platform: LoaderPlatform,
  src: string,
  options: LoadCaptchalaOptions,
): Promise<CaptchalaSdk> {
  const { retries = 2, retryDelayMs = 1_000 } = options;
  for (let attempt = 0; ; attempt++) {
    // Only an offline page waits: online, the script goes in synchronously with the first call.
    if (!platform.isOnline()) await whenOnline(platform);
    try {
      return await loadOnce(platform, src, options);
    } catch (error) {
      const code = error instanceof CaptchalaError ? error.code : '';
      if (attempt >= retries || !RETRYABLE.has(code)) throw error;
      await sleep(platform, retryDelayMs * 2 ** attempt);
    }
  }
}

function sleep(platform: LoaderPlatform, ms: number): Promise<void> {
  return new Promise((resolve) => platform.setTimeout(resolve, ms));
}

/** While the browser says it is offline, wait for `online` instead of burning attempts. */
function whenOnline(platform: LoaderPlatform): Promise<void> {
  return new Promise((resolve) => {
    const stop = platform.onOnline(() => {
      stop();
      resolve();
    });
  });
}

async function loadOnce(
  platform: LoaderPlatform,
  src: string,
  options: LoadCaptchalaOptions,
): Promise<CaptchalaSdk> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (typeof platform.globals.loadCaptchala !== 'function') {
    const existing = platform.findScript(src);
    await runScript(
      platform,
      existing ?? platform.injectScript({ src, nonce: options.nonce ?? platform.detectNonce() }),
      {
        src,
        timeoutMs,
        owned: !existing,
      },
    );
  }
  return callLoader(platform, src, timeoutMs);
}

/** Waits for the loader script to define `window.loadCaptchala`; removes a failed tag it added itself. */
function runScript(
  platform: LoaderPlatform,
  script: ScriptHandle,
  context: { src: string; timeoutMs: number; owned: boolean },
): Promise<void> {
  const { src, timeoutMs, owned } = context;
  return new Promise<void>((resolve, reject) => {
    const cleanups: Array<() => void> = [];
    const settle = (error?: CaptchalaError) => {
      for (const cleanup of cleanups) cleanup();
      if (!error) return resolve();
      if (owned) script.remove();
      reject(error);
    };
    const defined = () => typeof platform.globals.loadCaptchala === 'function';
    cleanups.push(
      script.watch({
        load: () =>
          settle(
            defined()
              ? undefined
              : new CaptchalaError({
                  code: 'loader_missing_global',
                  message: `${src} ran but defined no window.loadCaptchala: check loader-src points at captchala-loader.js (a proxy or ad blocker may serve something else).`,
                }),
          ),
        error: () =>
          settle(
            new CaptchalaError({
              code: 'loader_network_error',
              message: `The CaptchaLa loader could not be fetched from ${src}: check the network, an ad blocker, or a proxy. It is retried.`,
            }),
          ),
      }),
      platform.onCspViolation((violation) => {
        if (!sameScript(violation.blockedURI, src)) return;
        settle(
          new CaptchalaError({
            code: 'loader_blocked_csp',
            message: `The page's Content-Security-Policy (${violation.effectiveDirective}) blocked ${src}: allow ${originOf(src)} in ${violation.effectiveDirective}, or give the widget the page's nonce (it is set on the tag; with 'strict-dynamic' the nonce is enough). With Trusted Types enforced, allow the policy "${TRUSTED_TYPES_POLICY}".`,
          }),
        );
      }),
    );
    // A tag the page put there may already have run, or run later without us seeing its load event: poll
    // like the official boot code does (every 50 ms).
    const poll = () => {
      if (defined()) return settle();
      const id = platform.setTimeout(poll, 50);
      cleanups.push(() => platform.clearTimeout(id));
    };
    if (!owned) poll();
    const timer = platform.setTimeout(
      () =>
        settle(
          new CaptchalaError({
            code: 'loader_timeout',
            message: `The CaptchaLa loader (${src}) did not load within ${timeoutMs} ms: the network is slow or the host is blocked. It is retried.`,
          }),
        ),
      timeoutMs,
    );
    cleanups.push(() => platform.clearTimeout(timer));
  });
}

/** Calls `window.loadCaptchala(onReady, onError)`; only after `onReady` is `window.Captchala` touched. */
function callLoader(platform: LoaderPlatform, src: string, timeoutMs: number): Promise<CaptchalaSdk> {
  return new Promise<CaptchalaSdk>((resolve, reject) => {
    let done = false;
    const timer = platform.setTimeout(() => {
      finish(
        new CaptchalaError({
          code: 'loader_timeout',
          message: `The CaptchaLa loader (${src}) did not call back within ${timeoutMs} ms: the SDK it fetches may be blocked. It is retried.`,
        }),
      );
    }, timeoutMs);
    const finish = (error: CaptchalaError | null, sdk?: CaptchalaSdk) => {
      if (done) return;
      done = true;
      platform.clearTimeout(timer);
      if (error) reject(error);
      else resolve(sdk as CaptchalaSdk);
    };
    platform.globals.loadCaptchala?.(
      () => {
        const sdk = platform.globals.Captchala;
        if (sdk && typeof sdk.init === 'function') finish(null, sdk);
        else
          finish(
            new CaptchalaError({
              code: 'loader_missing_global',
              message:
                'The CaptchaLa loader reported ready but window.Captchala is missing: the SDK script was replaced or blocked.',
            }),
          );
      },
      (cause) =>
        finish(
          new CaptchalaError({
            code: 'loader_callback_error',
            message: `The CaptchaLa loader failed: ${cause instanceof Error ? cause.message : String(cause)}. It is retried; if it persists, check that the SDK host is reachable and allowed by CSP.`,
            cause,
          }),
        ),
    );
  });
}

function originOf(src: string): string {
  try {
    return new URL(src).origin;
  } catch {
    return src;
  }
}

function sameScript(blockedURI: string, src: string): boolean {
  if (!blockedURI) return false;
  return blockedURI === src || src.startsWith(blockedURI) || blockedURI.startsWith(originOf(src));
}
