import type { CaptchalaControllerOptions, ControllerPlatform } from './controllerTypes';
import { DEFAULTS } from './DEFAULTS';
import { DEV } from './DEV';
import { CaptchalaError, parseSdkError } from './errors';
import { loadCaptchala } from './loadCaptchala';
import type { ServerToken, ServerTokenSource } from './ServerTokenSource';
import { type CaptchalaInitConfig, type CaptchalaInstance, type CaptchalaResult, Product } from './sdk';

/** After init, the SDK must report ready within this long, or the init failed (`sdk_timeout`). */
const READY_TIMEOUT_MS = 20_000;
/**
 * An SDK asking `onServerTokenExpired` again this soon after a renewal gets `null` (it then reports the error,
 * whose re-inits are bounded): a renewal the SDK refuses at once can never turn into a loop of provider calls.
 */
const RENEWAL_FLOOR_MS = 5_000;

export interface SdkSessionEvents {
  ready(): void;
  success(result: CaptchalaResult): void;
  /** What the SDK's `onError` gave, as is. */
  sdkError(error: unknown): void;
  close(): void;
  /** Loading, the server token, `init` or readiness failed: the session is unusable. */
  failed(error: CaptchalaError): void;
}

export interface StartSdkSessionOptions {
  config: Omit<CaptchalaControllerOptions, 'platform' | 'on'>;
  source: ServerTokenSource;
  platform: ControllerPlatform;
  container: HTMLElement;
  on: SdkSessionEvents;
}

/** One init of the SDK, from loading to `destroy()`: nothing it started outlives it, and no callback fires after. */
export interface SdkSession {
  readonly ready: boolean;
  /** Settles when the instance is mounted; rejects with the error `failed` reported. */
  readonly started: Promise<void>;
  /** Runs a challenge (`verify()` for `bind`, `showCaptcha()` otherwise); only when ready. */
  challenge(): void;
  /** Switches the language live when the SDK can (`setLang` may be absent); false when it cannot. */
  setLang(lang: string): boolean;
  destroy(): void;
}

export function startSdkSession(options: StartSdkSessionOptions): SdkSession {
  const { config, source, platform, container, on } = options;
  const product = config.product ?? DEFAULTS.product;
  const abort = new AbortController();
  let instance: CaptchalaInstance | null = null;
  let anchor: { remove(): void } | null = null;
  let ready = false;
  let alive = true;

  let readyTimer: unknown = null;
  let lastRenewal = Number.NEGATIVE_INFINITY;

  function initConfig(serverToken: ServerToken | undefined): CaptchalaInitConfig {
    return {
      appKey: config.appKey,
      product,
      action: config.action ?? DEFAULTS.action,
      ...(config.lang ? { lang: config.lang } : {}),
      ...(config.theme !== undefined ? { theme: config.theme } : {}),
      ...(serverToken ? { serverToken: serverToken.token } : {}),
      ...(source.refreshable
        ? {
            onServerTokenExpired: async () => {
              if (platform.now() - lastRenewal < RENEWAL_FLOOR_MS) return null;
              lastRenewal = platform.now();
              return (await source.fetch({ signal: abort.signal }).catch(() => undefined))?.token ?? null;
            },
          }
        : {}),
    };
  }

  async function start(): Promise<void> {
    try {
      const sdk = await loadCaptchala(config.loader);
      if (!alive) return;
      const serverToken = await source.fetch({ signal: abort.signal });
      if (!alive) return;
      const created = sdk.init(initConfig(serverToken));
      instance = created;
      created.onReady(() => {
        if (!alive || ready) return;
        ready = true;
        if (readyTimer !== null) platform.clearTimeout(readyTimer);
        on.ready();
      });
      created.onSuccess((result) => alive && on.success(result));
      created.onError((error) => alive && on.sdkError(error));
      created.onClose(() => alive && on.close());
      if (product === Product.Bind) {
        const bindAnchor = platform.createBindAnchor(container);
        anchor = bindAnchor;
        created.bindTo(bindAnchor.element);
      } else {
        created.appendTo(container);
      }
      if (!ready) readyTimer = platform.setTimeout(() => alive && on.failed(sdkTimeout()), READY_TIMEOUT_MS);
    } catch (cause) {
      const error = parseSdkError({ error: cause });
      if (alive) on.failed(error);
      throw error;
    }
  }

  return {
    get ready() {
      return ready;
    },
    started: start(),
    challenge() {
      if (!instance || !ready) return;
      try {
        if (product === Product.Bind) instance.verify();
        else instance.showCaptcha();
      } catch (error) {
        on.sdkError(error);
      }
    },
    setLang(lang) {
      if (!instance?.setLang) return false;
      instance.setLang(lang);
      return true;
    },
    destroy() {
      if (!alive) return;
      alive = false;
      abort.abort();
      if (readyTimer !== null) platform.clearTimeout(readyTimer);
      try {
        instance?.destroy();
      } catch {
        // The SDK's destroy may throw on a half-initialised instance (contract §2: callers guard it).
      }
      anchor?.remove();
    },
  };
}

function sdkTimeout(): CaptchalaError {
  return new CaptchalaError({
    code: 'sdk_timeout',
    message: DEV
      ? `The CaptchaLa SDK did not get ready within ${READY_TIMEOUT_MS / 1000} s: the network is slow or its API is blocked. The next attempt retries.`
      : '',
  });
}
