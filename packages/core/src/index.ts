export {
  type CaptchalaController,
  type CaptchalaControllerEvents,
  type CaptchalaControllerOptions,
  type CaptchalaSnapshot,
  CaptchalaStatus,
  type CaptchalaSuccessDetail,
  type ControllerPlatform,
  createCaptchalaController,
  type GetTokenOptions,
  IDLE_SNAPSHOT,
} from './createCaptchalaController';
export {
  type CreateServerTokenSourceOptions,
  createServerTokenSource,
  type ServerToken,
  type ServerTokenContext,
  type ServerTokenProvider,
  type ServerTokenSource,
  type ServerTokenValue,
} from './createServerTokenSource';
export { type CreateStoreOptions, createStore, type Store, type WritableStore } from './createStore';
export {
  CaptchalaError,
  type CaptchalaErrorCode,
  type CaptchalaErrorOptions,
  type CaptchalaKitErrorCode,
  type CaptchalaSdkErrorCode,
  type ParseSdkErrorOptions,
  parseSdkError,
  REFRESHABLE_CODES,
} from './errors';
export { DEFAULT_LOADER_SRC, type LoadCaptchalaOptions, loadCaptchala } from './loadCaptchala';
export {
  browserLoaderPlatform,
  type CspViolation,
  type LoaderPlatform,
  type ScriptHandle,
  TRUSTED_TYPES_POLICY,
} from './loaderPlatform';
export {
  type CaptchalaGlobals,
  type CaptchalaInitConfig,
  type CaptchalaInstance,
  type CaptchalaResult,
  type CaptchalaSdk,
  isProduct,
  Product,
  type Theme,
} from './sdk';
