import { type CaptchalaSnapshot, IDLE_SNAPSHOT } from '@captchala-kit/core';
import type { CaptchalaController } from '@captchala-kit/core/internal';
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';

type SnapshotSource = Pick<CaptchalaController, 'getSnapshot' | 'subscribe'>;

/**
 * Bridges a core snapshot store into a Lit host (like TanStack's lit-store): on every new snapshot the host
 * re-renders, reflects `data-status`, and hears `onChange(next, previous)` (where it dispatches its events).
 * Without a store (bad configuration) the host can still show a snapshot of its own.
 */
export class SnapshotController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #onChange: (next: CaptchalaSnapshot, previous: CaptchalaSnapshot) => void;
  #unsubscribe: (() => void) | undefined;
  #value: CaptchalaSnapshot = IDLE_SNAPSHOT;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    onChange: (next: CaptchalaSnapshot, previous: CaptchalaSnapshot) => void,
  ) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  get value(): CaptchalaSnapshot {
    return this.#value;
  }

  /** Follows `source` from now on, or stops following (nothing is shown then: the caller shows what is next). */
  track(source: SnapshotSource | null): void {
    this.#unsubscribe?.();
    this.#unsubscribe = source?.subscribe((snapshot) => this.show(snapshot));
    if (source) this.show(source.getSnapshot());
  }

  /** Shows a snapshot (also one no store holds, e.g. a configuration error); the same object is a no-op. */
  show(snapshot: CaptchalaSnapshot): void {
    if (snapshot === this.#value) return;
    const previous = this.#value;
    this.#value = snapshot;
    this.#host.dataset['status'] = snapshot.status;
    this.#host.requestUpdate();
    this.#onChange(snapshot, previous);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
