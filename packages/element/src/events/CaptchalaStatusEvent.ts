import type { CaptchalaStatus } from '@captchala-kit/core';

export interface CaptchalaStatusDetail {
  status: CaptchalaStatus;
}

/** `captchala-status`: the widget's status changed (`idle`, `loading`, `ready`, `solving`, `verified`, …). */
export class CaptchalaStatusEvent extends Event {
  readonly detail: CaptchalaStatusDetail;

  constructor(detail: CaptchalaStatusDetail) {
    super('captchala-status', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'captchala-status': CaptchalaStatusEvent;
  }
}
