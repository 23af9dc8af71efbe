import type { CaptchalaErrorCode } from '@captchala-kit/core';

export interface CaptchalaErrorDetail {
  code: CaptchalaErrorCode;
  message: string;
  /** True when a fresh server token and a re-init can fix it (the widget does that by itself). */
  refreshable: boolean;
}

/** `captchala-error`: loading, a challenge or a server token failed; `detail.code` says which and why. */
export class CaptchalaErrorEvent extends Event {
  readonly detail: CaptchalaErrorDetail;

  constructor(detail: CaptchalaErrorDetail) {
    super('captchala-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'captchala-error': CaptchalaErrorEvent;
  }
}
