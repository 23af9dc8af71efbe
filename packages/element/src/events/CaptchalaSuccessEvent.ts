import type { CaptchalaResult } from '@captchala-kit/core';

export interface CaptchalaSuccessDetail {
  /** The pass token (`pt_…`). */
  token: string;
  /** Epoch ms when the widget received it. */
  issuedAt: number;
  /** Epoch ms after which it is no longer trusted. */
  expiresAt: number;
  /** The SDK's raw success result. */
  result: CaptchalaResult;
}

/** `captchala-success`: a challenge was solved and a fresh pass token is ready. */
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
