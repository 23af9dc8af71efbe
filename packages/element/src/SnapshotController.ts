import { type CaptchalaSnapshot, IDLE_SNAPSHOT, type Store } from '@captchala-kit/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Bridges a core snapshot store into a Lit host (like TanStack's lit-store): the host re-renders on every
 * snapshot, and reflects `data-status` for styling. Before a store exists (bad configuration) the host can still
 * show a snapshot of its own.
 */
export class SnapshotController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #unsubscribe: (() => void) | undefined;
  value: CaptchalaSnapshot = IDLE_SNAPSHOT;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  /** Follows `store` from now on (or nothing, for null). */
  track(store: Store<CaptchalaSnapshot> | null): void {
    this.#unsubscribe?.();
    this.#unsubscribe = store?.subscribe((snapshot) => this.show(snapshot));
    if (store) this.show(store.getSnapshot());
  }

  /** Shows a snapshot that no store holds (a configuration error). */
  show(snapshot: CaptchalaSnapshot): void {
    this.value = snapshot;
    this.#host.dataset['status'] = snapshot.status;
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.track(null);
  }
}
