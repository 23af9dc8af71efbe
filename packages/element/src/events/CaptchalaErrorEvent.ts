import type { CaptchalaError } from '@captchala-kit/core';

/**
 * `captchala-error`: loading, a challenge, a server token or the configuration failed. `detail` is the
 * `CaptchalaError` itself: `code` says which and why, `message` what to do, `refreshable` whether a fresh server
 * token and a re-init fix it (the widget does that by itself), `cause` what the SDK or browser said.
 */
export class CaptchalaErrorEvent extends Event {
  readonly detail: CaptchalaError;

  constructor(detail: CaptchalaError) {
    super('captchala-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'captchala-error': CaptchalaErrorEvent;
  }
}
