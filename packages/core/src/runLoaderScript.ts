import { DEV } from './DEV';
import { CaptchalaError } from './errors';
import { CSP_REPORT_GRACE_MS, cspError } from './loaderErrors';
import type { LoaderPlatform, ScriptHandle } from './loaderPlatform';

export interface RunLoaderScriptOptions {
  platform: LoaderPlatform;
  script: ScriptHandle;
  src: string;
  timeoutMs: number;
  /** The kit added the tag (and removes it when it fails); false for a tag the page had. */
  owned: boolean;
}

/** Waits for the loader script to define `window.loadCaptchala`; removes a failed tag it added itself. */
export function runLoaderScript(options: RunLoaderScriptOptions): Promise<void> {
  const { platform, script, src, timeoutMs, owned } = options;
  return new Promise<void>((resolve, reject) => {
    const cleanups: Array<() => void> = [];
    let settled = false;
    const settle = (error?: CaptchalaError) => {
      if (settled) return;
      settled = true;
      for (const cleanup of cleanups) cleanup();
      if (!error) return resolve();
      if (owned) script.remove();
      reject(error);
    };
    const defined = () => typeof platform.globals.loadCaptchala === 'function';
    const later = (error: CaptchalaError) => {
      const id = platform.setTimeout(() => settle(error), CSP_REPORT_GRACE_MS);
      cleanups.push(() => platform.clearTimeout(id));
    };
    cleanups.push(
      script.watch({
        load: () =>
          settle(
            defined()
              ? undefined
              : new CaptchalaError({
                  code: 'loader_missing_global',
                  message: DEV
                    ? `${src} ran but defined no window.loadCaptchala: check loaderSrc points at captchala-loader.js (a proxy or ad blocker may serve something else).`
                    : '',
                }),
          ),
        // A CSP refusal also fires `error`: wait for its report before calling it a network failure.
        error: () =>
          later(
            new CaptchalaError({
              code: 'loader_network_error',
              message: DEV
                ? `The CaptchaLa loader could not be fetched from ${src}: check the network, an ad blocker, or a proxy. It is retried.`
                : '',
            }),
          ),
      }),
      // (A Trusted Types refusal of the tag itself throws where it is created: see loadOnce.)
      platform.onCspViolation((violation) => {
        if (sameScript(violation.blockedURI, src)) settle(cspError(violation, src, 'loader'));
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
            message: DEV
              ? `The CaptchaLa loader (${src}) did not load within ${timeoutMs} ms: the network is slow or the host is blocked. It is retried.`
              : '',
          }),
        ),
      timeoutMs,
    );
    cleanups.push(() => platform.clearTimeout(timer));
  });
}

function sameScript(blockedURI: string, src: string): boolean {
  if (!blockedURI) return false;
  let blocked: URL;
  try {
    blocked = new URL(blockedURI);
  } catch {
    return false;
  }
  const wanted = new URL(src);
  // CSP may report only the origin (after a redirect), else the URL; the query string does not matter.
  return (
    blocked.origin === wanted.origin && (blocked.pathname === '/' || blocked.pathname === wanted.pathname)
  );
}
