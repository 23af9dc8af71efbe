import {
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
import { type CaptchalaEventType, type CaptchalaProps, EVENT_PROPS } from './CaptchalaProps';
import './jsx';

const EVENT_PROP_NAMES: string[] = Object.values(EVENT_PROPS);

/** Props whose attribute has another name (`className` too: React 18 would render it as `classname`). */
const ATTRIBUTE_NAMES: Record<string, string> = {
  appKey: 'app-key',
  serverToken: 'server-token',
  serverTokenUrl: 'server-token-url',
  tokenTtl: 'token-ttl',
  refreshMargin: 'refresh-margin',
  loaderSrc: 'loader-src',
  className: 'class',
};

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
    const handler = latest.current[EVENT_PROPS[event.type as CaptchalaEventType]];
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
      for (const type in EVENT_PROPS) {
        element.current?.removeEventListener(type, dispatch);
        node?.addEventListener(type, dispatch);
      }
      element.current = node;
      if (node) node.serverTokenProvider = hasProvider ? provide : undefined;
    },
    [dispatch, provide, hasProvider],
  );
  // Everything else is an attribute: the element's own by their attribute names, HTML ones as React knows them.
  const attributes: Record<string, unknown> = {};
  for (const name in props) {
    if (name !== 'serverTokenProvider' && !EVENT_PROP_NAMES.includes(name)) {
      attributes[ATTRIBUTE_NAMES[name] ?? name] = props[name as keyof CaptchalaProps];
    }
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
