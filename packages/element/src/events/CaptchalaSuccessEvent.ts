import type { CaptchalaSuccessDetail } from '@captchala-kit/core';

export type { CaptchalaSuccessDetail };

/** `captchala-success`: a challenge was solved; `detail: {token, issuedAt, expiresAt, result}`. */
export class CaptchalaSuccessEvent extends Event {
  readonly detail: CaptchalaSuccessDetail;

  constructor(detail: CaptchalaSuccessDetail) {
    super('captchala-success', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'captchala-success': CaptchalaSuccessEvent;
  }
}
