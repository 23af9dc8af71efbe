import type {
  CaptchalaEventMap,
  CaptchalaEventName,
  CaptchalaOptions,
  CaptchalaWidget,
} from '@captchala-kit/element';
import type { HTMLAttributes } from 'react';

/** The prop that hears an event: `on` and its name (`onReady`), but `onStatusChange` for `status`. */
type HandlerName<N extends CaptchalaEventName> = N extends 'status' ? 'onStatusChange' : `on${Capitalize<N>}`;

/** `onSuccess`, `onError`, …: one per entry of the element's `CAPTCHALA_EVENTS`, each hearing its typed event. */
export type CaptchalaEventProps = {
  [N in CaptchalaEventName as HandlerName<N>]?: (event: CaptchalaEventMap[`captchala-${N}`]) => void;
};

/** The settings as props; a number of seconds is a number (`tokenTtl={90}`), as a script sets it. */
type OptionProps = {
  [K in keyof CaptchalaOptions]: number extends CaptchalaOptions[K]
    ? Exclude<CaptchalaOptions[K], string>
    : CaptchalaOptions[K];
};

/**
 * Every setting of the element (`CAPTCHALA_OPTIONS`) as a prop named and typed as its property (`appKey`,
 * `tokenTtl`, …; `appKey` required), every event as an `on*` prop, and the HTML attributes React knows. A new
 * object `theme`, or a new inline `serverTokenProvider` or handler, on a re-render is no change.
 */
export interface CaptchalaProps
  extends Omit<
      HTMLAttributes<CaptchalaWidget>,
      keyof CaptchalaEventProps | keyof CaptchalaOptions | 'children' | 'dangerouslySetInnerHTML'
    >,
    CaptchalaEventProps,
    Omit<OptionProps, 'appKey'> {
  /** Your app key (public). */
  appKey: string;
}
