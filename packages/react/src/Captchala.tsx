import {
  CAPTCHALA_EVENTS,
  CAPTCHALA_OPTIONS,
  type CaptchalaWidget,
  defineCaptchalaWidget,
  type ServerTokenProvider,
} from '@captchala-kit/element';
import {
  type ForwardedRef,
  forwardRef,
  useCallback,
  useImperativeHandle,
  useInsertionEffect,
  useRef,
} from 'react';
import type { CaptchalaEventProps, CaptchalaProps } from './CaptchalaProps';
import './jsx';

/** The prop that hears an event: `on` and its name (`onReady`), but `onStatusChange` for `status`. */
const handlerOf = (name: string) =>
  name === 'status' ? 'onStatusChange' : `on${name[0]!.toUpperCase()}${name.slice(1)}`;
/** The `on*` props, one per entry of the element's `CAPTCHALA_EVENTS`. */
const HANDLERS = Object.keys(CAPTCHALA_EVENTS).map(handlerOf);
/** Each setting's declaration (its attribute name; `false` for a property); `className` too (React 18: `classname`). */
const OPTIONS = { ...CAPTCHALA_OPTIONS, className: { attribute: 'class' } } as Record<
  string,
  { attribute?: string | false }
>;

/** The element owns its light DOM (the SDK's container): React renders no children into it, nor hydrates any. */
const NO_CHILDREN = { __html: '' };

/**
 * `<captchala-widget>` for React: props become attributes (so server-rendered markup carries them), `on*` props
 * hear the element's events, and `ref` is the element. New inline callbacks, providers or theme objects on a
 * re-render never re-create the SDK instance. Registers the element on first client render.
 */
export const Captchala = forwardRef(function Captchala(
  props: CaptchalaProps,
  ref: ForwardedRef<CaptchalaWidget>,
) {
  defineCaptchalaWidget();
  const latest = useRef(props);
  useInsertionEffect(() => {
    latest.current = props;
  });
  const element = useRef<CaptchalaWidget | null>(null);
  useImperativeHandle(ref, () => element.current!, []);
  // Stable for the component's life: they read the latest props, so new inline functions change nothing.
  const dispatch = useCallback((event: Event) => {
    const handler = latest.current[handlerOf(event.type.slice(10)) as keyof CaptchalaEventProps]; // `captchala-${name}`
    (handler as ((event: Event) => void) | undefined)?.(event);
  }, []);
  const provide = useCallback<ServerTokenProvider>(
    (context) => latest.current.serverTokenProvider!(context),
    [],
  );
  const hasProvider = props.serverTokenProvider !== undefined;
  // A ref callback runs right after insertion, before the element starts (a microtask later): no event is
  // missed and the provider counts from the first init. It changes only when a provider comes or goes.
  const attach = useCallback(
    (node: CaptchalaWidget | null) => {
      for (const name in CAPTCHALA_EVENTS) {
        element.current?.removeEventListener(`captchala-${name}`, dispatch);
        node?.addEventListener(`captchala-${name}`, dispatch);
      }
      element.current = node;
      if (node) {
        node.optionNames = 'property'; // its error messages name props (`appKey`), not attributes
        node.serverTokenProvider = hasProvider ? provide : undefined;
      }
    },
    [dispatch, provide, hasProvider],
  );
  // Everything else is an attribute: the element's own by their attribute names, HTML ones as React knows them.
  const attributes: Record<string, unknown> = {};
  for (const name in props) {
    const attribute = OPTIONS[name]?.attribute ?? name;
    if (attribute && !HANDLERS.includes(name)) attributes[attribute] = props[name as keyof CaptchalaProps];
  }
  const { theme, disabled } = props;
  return (
    <captchala-widget
      {...attributes}
      ref={attach}
      theme={typeof theme === 'object' ? JSON.stringify(theme) : theme}
      // React 18 would render `false` as disabled="false", which disables.
      disabled={disabled || undefined}
      // The element reflects attributes of its own (`product`, `name`, `data-status`, …) and fills its light DOM
      // once upgraded, which a page may do before hydration (Next.js registers it first): neither is a mismatch.
      suppressHydrationWarning
      // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant empty string, so that React leaves the light DOM to the element
      dangerouslySetInnerHTML={NO_CHILDREN}
    />
  );
});
