import { LoadingStrategy } from './LoadingStrategy';
import { Product } from './sdk';

/** Every default of the kit, defined once: the controller, the element and the wrappers read them here. */
export const DEFAULTS = Object.freeze({
  /** Scene echoed back by server validation as `data.action`. */
  action: 'default',
  product: Product.Popup,
  /** Seconds a pass token is trusted when the SDK reports no `ttl`. */
  tokenTtl: 120,
  /** Seconds before expiry at which a token stops being fresh. */
  refreshMargin: 10,
  /** Form field the pass token travels in. */
  name: 'captchala_token',
  loading: LoadingStrategy.Eager,
});
