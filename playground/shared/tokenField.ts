import { DEFAULTS } from '@captchala-kit/element';

/** The form field carrying the pass token: the element's default `name`, which the playground never changes. */
export const TOKEN_FIELD = DEFAULTS.name;
