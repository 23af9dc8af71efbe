// Public API (see api/core.api.md). The controller and the platforms behind it are for the element and tests:
// `@captchala-kit/core/internal` (not semver-covered).
import { type LoadCaptchalaOptions, loadCaptchala as loadCaptchalaIn } from './loadCaptchala';
import type { CaptchalaSdk } from './sdk';

export {
  type CaptchalaSnapshot,
  CaptchalaStatus,
  type CaptchalaSuccessDetail,
  type GetTokenOptions,
  IDLE_SNAPSHOT,
} from './controllerTypes';
export { DEFAULTS } from './DEFAULTS';
export {
  CaptchalaError,
  type CaptchalaErrorCode,
  type CaptchalaErrorOptions,
  type CaptchalaKitErrorCode,
  type CaptchalaSdkErrorCode,
} from './errors';
export {
  allowLoaderOrigins,
  CAPTCHALA_SCRIPT_ORIGINS,
  CAPTCHALA_SCRIPT_URLS,
  DEFAULT_LOADER_SRC,
} from './loaderOrigins';
export type { ServerTokenContext, ServerTokenProvider, ServerTokenValue } from './ServerTokenSource';
export {
  type CaptchalaInitConfig,
  type CaptchalaInstance,
  type CaptchalaResult,
  type CaptchalaSdk,
  Product,
  type Theme,
} from './sdk';
export { type InstallCaptchalaTrustedTypesOptions, installCaptchalaTrustedTypes } from './trustedTypes';
export type { LoadCaptchalaOptions };

/**
 * Resolves `window.Captchala` once the loader's `onReady` ran. However many widgets, frameworks, remounts and
 * concurrent calls: at most one loader `<script>` per document, an existing tag or `window.loadCaptchala` is
 * reused, and a failure is never cached (the next call retries).
 */
export const loadCaptchala: (options?: LoadCaptchalaOptions) => Promise<CaptchalaSdk> = loadCaptchalaIn;
