import { CaptchalaWidget } from './CaptchalaWidget';

/**
 * Registers `<captchala-widget>`. Idempotent: a tag already defined — by this module, by another copy of the
 * package, or by the page — is left alone. Does nothing where custom elements don't exist (SSR).
 */
if (typeof customElements !== 'undefined' && !customElements.get(CaptchalaWidget.tagName)) {
  customElements.define(CaptchalaWidget.tagName, CaptchalaWidget);
}

export { CaptchalaWidget };

declare global {
  interface HTMLElementTagNameMap {
    'captchala-widget': CaptchalaWidget;
  }
}
