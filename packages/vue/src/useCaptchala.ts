import { notMountedError } from '@captchala-kit/core/internal';
import {
  type CaptchalaChangeEvent,
  type CaptchalaError,
  type CaptchalaSnapshot,
  type CaptchalaStatus,
  type CaptchalaWidget,
  type GetTokenOptions,
  IDLE_SNAPSHOT,
} from '@captchala-kit/element';
import {
  type ComponentPublicInstance,
  type ComputedRef,
  computed,
  onScopeDispose,
  shallowRef,
  watch,
} from 'vue';

/** The same fields as React's `useCaptchala()`: the whole snapshot, `element`, `getToken` and `reset` (and `ref`). */
export interface UseCaptchalaResult {
  /** A function template ref: `<Captchala :ref="ref">` (or on a `<captchala-widget>`). */
  ref(target: Element | ComponentPublicInstance | null): void;
  /** The `<captchala-widget>` element, or null before mount. */
  element: ComputedRef<CaptchalaWidget | null>;
  /** The current fresh, unused pass token, or `''`. */
  token: ComputedRef<string>;
  status: ComputedRef<CaptchalaStatus>;
  error: ComputedRef<CaptchalaError | null>;
  /** Epoch ms the current token was received, or null. */
  issuedAt: ComputedRef<number | null>;
  /** Epoch ms the current token stops being trusted, or null. */
  expiresAt: ComputedRef<number | null>;
  /** A fresh token nobody else got (it counts as used); rejects with `not_mounted` before the widget mounts. */
  getToken(options?: GetTokenOptions): Promise<string>;
  /** Destroys and re-initialises the SDK. */
  reset(): Promise<void>;
}

/**
 * The widget's state as refs, following its `captchala-change` snapshots, and its methods. Bind `ref` to a
 * `<Captchala>` (`:ref="ref"`); the listener goes when the ref changes and when the calling scope is disposed.
 */
export function useCaptchala(): UseCaptchalaResult {
  const target = shallowRef<Element | ComponentPublicInstance | null>(null);
  // A component's element is its `$el`; an element has no `$el`.
  const element = computed(
    () => ((target.value as ComponentPublicInstance | null)?.$el ?? target.value) as CaptchalaWidget | null,
  );
  const snapshot = shallowRef<CaptchalaSnapshot>(IDLE_SNAPSHOT);
  const onChange = (event: CaptchalaChangeEvent) => {
    snapshot.value = event.detail;
  };
  watch(
    element,
    (widget, previous) => {
      previous?.removeEventListener('captchala-change', onChange);
      widget?.addEventListener('captchala-change', onChange);
      snapshot.value = widget?.snapshot ?? IDLE_SNAPSHOT;
    },
    { flush: 'sync' },
  );
  onScopeDispose(() => element.value?.removeEventListener('captchala-change', onChange), true);
  const field = <K extends keyof CaptchalaSnapshot>(key: K) => computed(() => snapshot.value[key]);

  return {
    ref: (value) => {
      target.value = value;
    },
    element,
    token: field('token'),
    status: field('status'),
    error: field('error'),
    issuedAt: field('issuedAt'),
    expiresAt: field('expiresAt'),
    getToken: (options) =>
      element.value
        ? element.value.getToken(options)
        : Promise.reject(
            notMountedError({ hint: 'bind `ref` from useCaptchala() to <Captchala :ref="ref">.' }),
          ),
    reset: async () => element.value?.reset(),
  };
}
