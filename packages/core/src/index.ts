export {
  type CaptchalaController,
  type CaptchalaControllerEvents,
  type CaptchalaControllerOptions,
  type CaptchalaSnapshot,
  CaptchalaStatus,
  type CaptchalaSuccessDetail,
  type ControllerPlatform,
  type GetTokenOptions,
  IDLE_SNAPSHOT,
} from './controllerTypes';
export { createCaptchalaController } from './createCaptchalaController';
export type { ServerTokenContext, ServerTokenProvider, ServerTokenValue } from './createServerTokenSource';
export { DEFAULTS } from './DEFAULTS';
export {
  CaptchalaError,
  type CaptchalaErrorCode,
  type CaptchalaErrorOptions,
  type CaptchalaKitErrorCode,
  type CaptchalaSdkErrorCode,
} from './errors';
export { LoadingStrategy } from './LoadingStrategy';
export { type LoadCaptchalaOptions, loadCaptchala } from './loadCaptchala';
export {
  allowLoaderOrigins,
  CAPTCHALA_SCRIPT_ORIGINS,
  CAPTCHALA_SCRIPT_URLS,
  DEFAULT_LOADER_SRC,
} from './loaderOrigins';
export type { CspViolation, LoaderPlatform, ScriptHandle } from './loaderPlatform';
export { parseWidgetOptions, type WidgetOptions, type WidgetOptionsInput } from './parseWidgetOptions';
export {
  type CaptchalaGlobals,
  type CaptchalaInitConfig,
  type CaptchalaInstance,
  type CaptchalaResult,
  type CaptchalaSdk,
  Product,
  type Theme,
} from './sdk';
export { type InstallCaptchalaTrustedTypesOptions, installCaptchalaTrustedTypes } from './trustedTypes';
