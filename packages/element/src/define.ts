import type { CaptchalaWidget } from './CaptchalaWidget';
import { defineCaptchalaWidget } from './defineCaptchalaWidget';

/** Registers `<captchala-widget>` (idempotent; nothing happens where custom elements don't exist). */
defineCaptchalaWidget();

export { CaptchalaWidget } from './CaptchalaWidget';

declare global {
  interface HTMLElementTagNameMap {
    'captchala-widget': CaptchalaWidget;
  }
}
