'use client';

export {
  allowLoaderOrigins,
  type CaptchalaChangeEvent,
  type CaptchalaCloseEvent,
  CaptchalaError,
  type CaptchalaErrorCode,
  type CaptchalaErrorEvent,
  type CaptchalaExpiredEvent,
  type CaptchalaReadyEvent,
  type CaptchalaSnapshot,
  CaptchalaStatus,
  type CaptchalaStatusEvent,
  type CaptchalaSuccessEvent,
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
export { Captchala } from './Captchala';
export type { CaptchalaEventProps, CaptchalaOptionProps, CaptchalaProps } from './CaptchalaProps';
export type { CaptchalaWidgetAttributes, CaptchalaWidgetJsxProps } from './jsx';
export { type UseCaptchalaResult, useCaptchala } from './useCaptchala';
export { type WithCaptchalaTokenOptions, withCaptchalaToken } from './withCaptchalaToken';
