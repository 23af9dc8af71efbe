import type { CaptchalaSnapshot } from '@captchala-kit/core';

/**
 * `captchala-change`: the widget's snapshot changed (token, status, error, issuedAt/expiresAt); `detail` is the new
 * immutable snapshot, the same object `widget.snapshot` returns. What `useSyncExternalStore` and `v-model` follow.
 */
export class CaptchalaChangeEvent extends Event {
  readonly detail: CaptchalaSnapshot;

  constructor(detail: CaptchalaSnapshot) {
    super('captchala-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'captchala-change': CaptchalaChangeEvent;
  }
}
