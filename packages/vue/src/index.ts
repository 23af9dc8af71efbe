export {
  allowLoaderOrigins,
  CaptchalaError,
  type CaptchalaErrorCode,
  type CaptchalaSnapshot,
  CaptchalaStatus,
  type CaptchalaStatusDetail,
  type CaptchalaSuccessDetail,
  type CaptchalaWidget,
  type GetTokenOptions,
  installCaptchalaTrustedTypes,
  LoadingStrategy,
  Product,
  type ServerTokenContext,
  type ServerTokenProvider,
  type ServerTokenValue,
  type Theme,
} from '@captchala-kit/element';
export {
  Captchala,
  type CaptchalaEmits,
  type CaptchalaExposed,
  type CaptchalaProps,
  type CaptchalaPropsOptions,
} from './Captchala';
export { CaptchalaPlugin } from './CaptchalaPlugin';
export type { CaptchalaDefaults } from './captchalaDefaultsKey';
export { type UseCaptchalaResult, useCaptchala } from './useCaptchala';
