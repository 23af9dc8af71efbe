/** A minimal external store: an immutable snapshot and a listener set (like TanStack's `Subscribable`). */
export interface Store<T> {
  getSnapshot(): T;
  /** Returns the unsubscribe function. */
  subscribe(listener: (snapshot: T) => void): () => void;
}

export interface WritableStore<T> extends Store<T> {
  /** Replaces the snapshot with a frozen copy merged from `patch`; notifies only when something changed. */
  update(patch: Partial<T>): void;
}

export interface CreateStoreOptions<T> {
  initial: T;
}

export function createStore<T extends object>(options: CreateStoreOptions<T>): WritableStore<T> {
  // A frozen initial snapshot is kept as is: a view showing it already sees no change.
  let snapshot: T = Object.isFrozen(options.initial)
    ? options.initial
    : Object.freeze({ ...options.initial });
  const listeners = new Set<(snapshot: T) => void>();
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    update(patch) {
      const changed = (Object.keys(patch) as Array<keyof T>).some(
        (key) => !Object.is(patch[key], snapshot[key]),
      );
      if (!changed) return;
      snapshot = Object.freeze({ ...snapshot, ...patch });
      for (const listener of [...listeners]) listener(snapshot);
    },
  };
}
