import { DEV } from './DEV';
import { CaptchalaError } from './errors';
import {
  blocksCaptchalaScript,
  CSP_REPORT_GRACE_MS,
  cspError,
  refusesCaptchalaScript,
  trustedTypesError,
} from './loaderErrors';
import { checkScriptUrl, DEFAULT_LOADER_SRC } from './loaderOrigins';
import { browserLoaderPlatform, type LoaderPlatform } from './loaderPlatform';
import { runLoaderScript } from './runLoaderScript';
import type { CaptchalaSdk } from './sdk';
import { isTrustedTypesRefusal } from './trustedTypes';

export interface LoadCaptchalaOptions {
  /**
   * Loader URL (default: CaptchaLa's CDN). Only CaptchaLa's exact script URLs and the URLs and origins allowed with
   * `allowLoaderOrigins` are loaded; a relative one resolves against the document's own URL, never an injected
   * `<base>`. The first one asked for wins for the page.
   */
  src?: string;
  /** CSP nonce for the loader tag (default: detected from the page). */
  nonce?: string;
  /** Per attempt, for the script and for the loader's callback each (default 15 000). */
  timeoutMs?: number;
  /** Further attempts after a failed one (default 2). */
  retries?: number;
  /** Backoff base: attempt n waits `retryDelayMs * 2^(n-1)` (default 1 000). */
  retryDelayMs?: number;
}

/**
 * `loadCaptchala`'s options with the page injected: the seam tests and the controller use. Not public (core's
 * public entry types `loadCaptchala` with `LoadCaptchalaOptions`); importable from `@captchala-kit/core/internal`.
 */
export interface LoaderOptions extends LoadCaptchalaOptions {
  /** DOM access (default: the global document). */
  platform?: LoaderPlatform;
}

interface PageState {
  /** The loader URL as asked for (before checking), and as checked and resolved. */
  requested: string;
  src: string;
  loading: Promise<CaptchalaSdk> | null;
}

/** The page's own platform, made once per document (every widget's every init asks). */
const defaultPlatforms = new WeakMap<Document, LoaderPlatform>();
function defaultPlatform(): LoaderPlatform {
  let platform = defaultPlatforms.get(document);
  if (!platform) {
    platform = browserLoaderPlatform(document);
    defaultPlatforms.set(document, platform);
  }
  return platform;
}

const pages = new WeakMap<object, PageState>();

/**
 * Resolves `window.Captchala` once the loader's `onReady` ran. However many widgets, frameworks, remounts and
 * concurrent calls: at most one loader `<script>` per document, an existing tag or `window.loadCaptchala` is
 * reused, and a failure is never cached (the next call retries).
 */
export function loadCaptchala(options: LoaderOptions = {}): Promise<CaptchalaSdk> {
  const platform = options.platform ?? defaultPlatform();
  const requested = options.src ?? DEFAULT_LOADER_SRC;
  let page = pages.get(platform.key);
  // The URL this page already loads, as asked for again: checked then (the allow-list only ever grows).
  if (page?.loading && page.requested === requested) return page.loading;
  const checked = checkScriptUrl(requested, platform.pageUrl, platform.pageOrigin);
  if (checked instanceof CaptchalaError) return Promise.reject(checked);
  const src = checked.href;
  if (!page) {
    page = { requested, src, loading: null };
    pages.set(platform.key, page);
  }
  if (page.src !== src) {
    return Promise.reject(
      new CaptchalaError({
        code: 'loader_src_conflict',
        message: DEV
          ? `The CaptchaLa loader was already requested from ${page.src}; a second loader (${src}) is never added. Give every widget on the page the same loaderSrc.`
          : '',
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
    let script = existing;
    if (!script) {
      try {
        script = platform.injectScript({ src, nonce: options.nonce ?? platform.detectNonce() });
      } catch (error) {
        throw isTrustedTypesRefusal(error) ? trustedTypesError('loader', error) : error;
      }
    }
    await runLoaderScript({ platform, script, src, timeoutMs, owned: !existing });
  }
  return callLoader(platform, src, timeoutMs);
}

/**
 * Calls `window.loadCaptchala(onReady, onError)`; only after `onReady` is `window.Captchala` touched. While it
 * waits, a CSP or Trusted Types refusal of the SDK script the loader adds is named as such.
 */
function callLoader(platform: LoaderPlatform, src: string, timeoutMs: number): Promise<CaptchalaSdk> {
  return new Promise<CaptchalaSdk>((resolve, reject) => {
    let done = false;
    let grace: unknown = null;
    const timer = platform.setTimeout(() => {
      finish(
        new CaptchalaError({
          code: 'loader_timeout',
          message: DEV
            ? `The CaptchaLa loader (${src}) did not call back within ${timeoutMs} ms: the SDK it fetches may be blocked. It is retried.`
            : '',
        }),
      );
    }, timeoutMs);
    const stopWatching = platform.onCspViolation((violation) => {
      if (refusesCaptchalaScript(violation, src)) finish(trustedTypesError('sdk'));
      else if (blocksCaptchalaScript(violation, src)) finish(cspError(violation, src, 'sdk'));
    });
    function finish(error: CaptchalaError | null, sdk?: CaptchalaSdk) {
      if (done) return;
      done = true;
      platform.clearTimeout(timer);
      if (grace !== null) platform.clearTimeout(grace);
      stopWatching();
      if (error) reject(error);
      else resolve(sdk as CaptchalaSdk);
    }
    const onReady = () => {
      const sdk = platform.globals.Captchala;
      if (sdk && typeof sdk.init === 'function') finish(null, sdk);
      else
        finish(
          new CaptchalaError({
            code: 'loader_missing_global',
            message: DEV
              ? 'The CaptchaLa loader reported ready but window.Captchala is missing: the SDK script was replaced or blocked.'
              : '',
          }),
        );
    };
    const onError = (cause: unknown) => {
      const error = new CaptchalaError({
        code: 'loader_callback_error',
        message: DEV
          ? `The CaptchaLa loader failed: ${cause instanceof Error ? cause.message : String(cause)}. It is retried; if it persists, check that the SDK host is reachable and allowed by CSP.`
          : '',
        cause,
      });
      // A CSP refusal of the SDK arrives as a separate report: give it a moment to name the real cause.
      grace ??= platform.setTimeout(() => finish(error), CSP_REPORT_GRACE_MS);
    };
    try {
      platform.globals.loadCaptchala?.(onReady, onError);
    } catch (error) {
      // The loader injects the SDK synchronously: under enforced Trusted Types the assignment throws right here.
      finish(isTrustedTypesRefusal(error) ? trustedTypesError('sdk', error) : toCallbackError(error));
    }
  });
}

function toCallbackError(cause: unknown): CaptchalaError {
  return new CaptchalaError({
    code: 'loader_callback_error',
    message: DEV
      ? `The CaptchaLa loader threw: ${cause instanceof Error ? cause.message : String(cause)}. It is retried.`
      : '',
    cause,
  });
}
