import { CaptchalaChangeEvent } from './events/CaptchalaChangeEvent';
import { CaptchalaCloseEvent } from './events/CaptchalaCloseEvent';
import { CaptchalaErrorEvent } from './events/CaptchalaErrorEvent';
import { CaptchalaExpiredEvent } from './events/CaptchalaExpiredEvent';
import { CaptchalaReadyEvent } from './events/CaptchalaReadyEvent';
import { CaptchalaStatusEvent } from './events/CaptchalaStatusEvent';
import { CaptchalaSuccessEvent } from './events/CaptchalaSuccessEvent';

export type { CaptchalaStatusDetail } from './events/CaptchalaStatusEvent';
export type { CaptchalaSuccessDetail } from './events/CaptchalaSuccessEvent';
export {
  CaptchalaChangeEvent,
  CaptchalaCloseEvent,
  CaptchalaErrorEvent,
  CaptchalaExpiredEvent,
  CaptchalaReadyEvent,
  CaptchalaStatusEvent,
  CaptchalaSuccessEvent,
};

/**
 * Every event of `<captchala-widget>`, written once: its short name and its class (the detail type follows from
 * it). The DOM event is `captchala-<name>`, Vue's emit is `<name>` (its payload the event's `detail`), React's prop
 * `on<Name>` (`onStatusChange` for `status`). An event named like a callback of core's controller (`ready`,
 * `success`, …) is dispatched by the element with what core reports, with no code of its own.
 */
export const CAPTCHALA_EVENTS = {
  ready: CaptchalaReadyEvent,
  success: CaptchalaSuccessEvent,
  expired: CaptchalaExpiredEvent,
  error: CaptchalaErrorEvent,
  close: CaptchalaCloseEvent,
  status: CaptchalaStatusEvent,
  change: CaptchalaChangeEvent,
} as const;

/** `ready`, `success`, …: each event's short name. */
export type CaptchalaEventName = keyof typeof CAPTCHALA_EVENTS;
/** Each event's DOM type (`captchala-ready`, …) and its class. */
export type CaptchalaEventMap = {
  [N in CaptchalaEventName as `captchala-${N}`]: InstanceType<(typeof CAPTCHALA_EVENTS)[N]>;
};
/** What an event carries in `detail` (`undefined` for an event without one). */
export type CaptchalaEventDetail<N extends CaptchalaEventName> =
  InstanceType<(typeof CAPTCHALA_EVENTS)[N]> extends {
    detail: infer D;
  }
    ? D
    : undefined;

declare global {
  interface GlobalEventHandlersEventMap extends CaptchalaEventMap {}
}
