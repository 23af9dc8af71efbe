/** `captchala-close`: the user dismissed the challenge without solving it. Bubbles and crosses shadow roots. */
export class CaptchalaCloseEvent extends Event {
  constructor() {
    super('captchala-close', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'captchala-close': CaptchalaCloseEvent;
  }
}
