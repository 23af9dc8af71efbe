export {
  allowLoaderOrigins,
  CaptchalaError,
  type CaptchalaErrorCode,
  type CaptchalaSnapshot,
  CaptchalaStatus,
  DEFAULTS,
  type GetTokenOptions,
  IDLE_SNAPSHOT,
  installCaptchalaTrustedTypes,
  LoadingStrategy,
  Product,
  type ServerTokenContext,
  type ServerTokenProvider,
  type ServerTokenValue,
  type Theme,
} from '@captchala-kit/core';
export { CaptchalaWidget } from './CaptchalaWidget';
export { defineCaptchalaWidget } from './defineCaptchalaWidget';
export { CaptchalaChangeEvent } from './events/CaptchalaChangeEvent';
export { CaptchalaCloseEvent } from './events/CaptchalaCloseEvent';
export { CaptchalaErrorEvent } from './events/CaptchalaErrorEvent';
export { CaptchalaExpiredEvent } from './events/CaptchalaExpiredEvent';
export { CaptchalaReadyEvent } from './events/CaptchalaReadyEvent';
export { type CaptchalaStatusDetail, CaptchalaStatusEvent } from './events/CaptchalaStatusEvent';
export { type CaptchalaSuccessDetail, CaptchalaSuccessEvent } from './events/CaptchalaSuccessEvent';
