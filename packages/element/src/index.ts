export {
  allowLoaderOrigins,
  CaptchalaError,
  type CaptchalaErrorCode,
  type CaptchalaSnapshot,
  CaptchalaStatus,
  type GetTokenOptions,
  IDLE_SNAPSHOT,
  installCaptchalaTrustedTypes,
  Product,
  type ServerTokenContext,
  type ServerTokenProvider,
  type ServerTokenValue,
  type Theme,
} from '@captchala-kit/core';
export { CaptchalaWidget } from './CaptchalaWidget';
// The events: their classes and detail types, and the table the wrappers derive their event props and emits from.
export * from './captchalaEvents';
export { defineCaptchalaWidget } from './defineCaptchalaWidget';
export { LoadingStrategy } from './LoadingStrategy';
export {
  CAPTCHALA_OPTIONS,
  type CaptchalaAttributes,
  type CaptchalaOptionAttribute,
  type CaptchalaOptionName,
  type CaptchalaOptions,
  DEFAULTS,
  type OptionNames,
  optionAttribute,
} from './options';
