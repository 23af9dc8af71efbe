export { CaptchalaWidget } from './CaptchalaWidget';
export { CaptchalaCloseEvent } from './events/CaptchalaCloseEvent';
export { type CaptchalaErrorDetail, CaptchalaErrorEvent } from './events/CaptchalaErrorEvent';
export { CaptchalaExpiredEvent } from './events/CaptchalaExpiredEvent';
export { CaptchalaReadyEvent } from './events/CaptchalaReadyEvent';
export { type CaptchalaStatusDetail, CaptchalaStatusEvent } from './events/CaptchalaStatusEvent';
export { type CaptchalaSuccessDetail, CaptchalaSuccessEvent } from './events/CaptchalaSuccessEvent';
export { LoadingStrategy } from './loadingTrigger';
export { resolveUiLanguage, statusText, UI_LANGUAGES, type UiLanguage } from './statusText';
