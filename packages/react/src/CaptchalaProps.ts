import type {
  CaptchalaEventMap,
  CaptchalaEventName,
  CaptchalaOptions,
  CaptchalaWidget,
} from '@captchala-kit/element';
import type { HTMLAttributes } from 'react';

/**
 * `onSuccess`, `onError`, …: one per entry of the element's `CAPTCHALA_EVENTS`, each hearing its typed event. The
 * prop is `on` and the event's name (`onReady`), but `onStatusChange` for `status`.
 */
export type CaptchalaEventProps = {
  [N in CaptchalaEventName as N extends 'status' ? 'onStatusChange' : `on${Capitalize<N>}`]?: (
    event: CaptchalaEventMap[`captchala-${N}`],
  ) => void;
};

/** The settings as props; a number of seconds is a number (`tokenTtl={90}`), as a script sets it. */
export type CaptchalaOptionProps = {
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
    Omit<CaptchalaOptionProps, 'appKey'> {
  /** Your app key (public). */
  appKey: string;
}
