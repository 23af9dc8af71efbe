import type {
  CaptchalaWidget,
  LoadingStrategy,
  Product,
  ServerTokenProvider,
  Theme,
} from '@captchala-kit/element';
import type { HTMLAttributes } from 'react';

/** Each event of the element, and the prop that hears it. */
export const EVENT_PROPS = {
  'captchala-ready': 'onReady',
  'captchala-success': 'onSuccess',
  'captchala-expired': 'onExpired',
  'captchala-error': 'onError',
  'captchala-close': 'onClose',
  'captchala-status': 'onStatusChange',
  'captchala-change': 'onChange',
} as const;
export type CaptchalaEventType = keyof typeof EVENT_PROPS;

/** `onSuccess`, `onError`, …: each gets the element's typed event (`event.detail`). */
export type CaptchalaEventProps = {
  [T in CaptchalaEventType as (typeof EVENT_PROPS)[T]]?: (event: GlobalEventHandlersEventMap[T]) => void;
};

export interface CaptchalaProps
  extends Omit<
      HTMLAttributes<CaptchalaWidget>,
      keyof CaptchalaEventProps | 'children' | 'dangerouslySetInnerHTML'
    >,
    CaptchalaEventProps {
  /** Your app key (public). */
  appKey: string;
  /** Scene echoed back by server validation (`data.action`); default `default`. */
  action?: string;
  /** `popup` (default), `float`, `embed` or `bind`. */
  product?: Product;
  /** A preset (`dark`, `stereoscopic`), a JSON string or an object; a new object with the same content is no change. */
  theme?: Theme | string;
  /** A static server challenge token (`sct_…`). */
  serverToken?: string;
  /** POST `{action}` → `{server_token, expires_in}`: where fresh server tokens come from. */
  serverTokenUrl?: string;
  /** Returns a fresh server token; wins over `serverTokenUrl` and `serverToken`. A new function is no change. */
  serverTokenProvider?: ServerTokenProvider;
  /** Form field name of the pass token; default `captchala_token`. */
  name?: string;
  /** Seconds a pass token is trusted when the SDK reports no `ttl`; default 120. */
  tokenTtl?: number;
  /** Seconds before expiry at which a token stops counting as fresh; default 10. */
  refreshMargin?: number;
  /** `eager` (default), `visible` or `interaction`: when the loader starts. */
  loading?: LoadingStrategy;
  disabled?: boolean;
  /** Loader URL (CaptchaLa's CDN by default), e.g. the offline stand-in's. */
  loaderSrc?: string;
}
