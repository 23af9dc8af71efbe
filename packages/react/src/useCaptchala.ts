import { notMountedError } from '@captchala-kit/core/internal';
import {
  type CaptchalaSnapshot,
  type CaptchalaWidget,
  defineCaptchalaWidget,
  type GetTokenOptions,
  IDLE_SNAPSHOT,
} from '@captchala-kit/element';
import {
  type RefCallback,
  useCallback,
  useInsertionEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { DEV } from './DEV';

/** The same fields as Vue's `useCaptchala()`: the whole snapshot, `element`, `getToken` and `reset` (and `ref`). */
export interface UseCaptchalaResult extends CaptchalaSnapshot {
  /** Pass to `<Captchala ref={ref}>` (or a bare `<captchala-widget ref={ref}>`). */
  ref: RefCallback<CaptchalaWidget>;
  /** The `<captchala-widget>` element, or null before it mounts (and on the server). */
  element: CaptchalaWidget | null;
  /**
   * A fresh pass token nobody else got, running a challenge if needed (the element's `getToken()`). Before the
   * widget is mounted, rejects with a `CaptchalaError` coded `not_mounted`. Stable identity.
   */
  getToken(options?: GetTokenOptions): Promise<string>;
  /** Destroys and re-initialises the SDK; nothing before mount. Stable identity. */
  reset(): Promise<void>;
}

/**
 * Follows one widget: its snapshot (`status`, `token`, `issuedAt`, `expiresAt`, `error`) through
 * `useSyncExternalStore` on the element's `snapshot` and `captchala-change`, plus the `element`, `getToken` and
 * `reset`. Use one
 * hook per widget; any number on a page. On the server, and until the widget mounts, the snapshot is idle.
 */
export function useCaptchala(): UseCaptchalaResult {
  /** The last element attached (a detached one has an idle snapshot, and rejects `getToken()` as not mounted). */
  const current = useRef<CaptchalaWidget | null>(null);
  const [element, setElement] = useState<CaptchalaWidget | null>(null);
  // Null again once the component unmounts: React runs a component's insertion-effect cleanups before it detaches
  // the refs below it and removes the element (an insertion effect: React 18 warns about layout effects rendered
  // on the server).
  useInsertionEffect(
    () => () => {
      current.current = null;
    },
    [],
  );
  const ref = useCallback((node: CaptchalaWidget | null) => {
    defineCaptchalaWidget();
    if (node) {
      current.current = node;
      setElement(node);
    }
  }, []);
  const subscribe = useCallback(
    (onChange: () => void) => {
      // The element's last change, as it disconnects (idle), re-renders a component that stays, and none on its
      // way out (React 18 would render the whole root again for it).
      const listener = () => current.current && onChange();
      element?.addEventListener('captchala-change', listener);
      return () => element?.removeEventListener('captchala-change', listener);
    },
    [element],
  );
  const snapshot = useSyncExternalStore(
    subscribe,
    () => element?.snapshot ?? IDLE_SNAPSHOT,
    () => IDLE_SNAPSHOT,
  );
  const getToken = useCallback(
    (options?: GetTokenOptions) =>
      current.current?.getToken(options) ??
      Promise.reject(
        notMountedError({
          hint: DEV
            ? 'pass `ref` from useCaptchala() to <Captchala ref={ref}> (or <captchala-widget ref={ref}>).'
            : '',
        }),
      ),
    [],
  );
  const reset = useCallback(async () => current.current?.reset(), []);
  return { ...snapshot, ref, element, getToken, reset };
}
