/** `captchala-ready`: the SDK is loaded and its first challenge preloaded. Bubbles and crosses shadow roots. */
export class CaptchalaReadyEvent extends Event {
  constructor() {
    super('captchala-ready', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'captchala-ready': CaptchalaReadyEvent;
  }
}
