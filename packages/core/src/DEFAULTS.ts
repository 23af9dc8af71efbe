import { Product } from './sdk';

/**
 * Every default of core's options, defined once: the controller and the element read them here. The element adds
 * its own (`name`, `loading`) to the `DEFAULTS` it exports.
 */
export const DEFAULTS = Object.freeze({
  /** Scene echoed back by server validation as `data.action`. */
  action: 'default',
  product: Product.Popup,
  /** Seconds a pass token is trusted when the SDK reports no `ttl`. */
  tokenTtl: 120,
  /** Seconds before expiry at which a token stops being fresh. */
  refreshMargin: 10,
});
