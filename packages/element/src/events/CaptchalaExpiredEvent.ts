/** `captchala-expired`: an unused pass token is no longer fresh and was dropped; the next submission gets a new one. Bubbles and crosses shadow roots. */
export class CaptchalaExpiredEvent extends Event {
  constructor() {
    super('captchala-expired', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'captchala-expired': CaptchalaExpiredEvent;
  }
}
