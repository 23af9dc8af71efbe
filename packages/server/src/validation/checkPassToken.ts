import { DEFAULTS } from '../DEFAULTS';
import { ValidationReason } from './ValidationResult';

/** How a pass token is validated, by its prefix (contract §3). */
export const PassTokenRoute = {
  /** `pt_`, `dg_`: the main API. */
  Main: 'main',
  /** `offline_`: the fallback URL. */
  Fallback: 'fallback',
  /** `client_`, `co_`: nowhere (they cannot be verified server-side). */
  None: 'none',
} as const;
export type PassTokenRoute = (typeof PassTokenRoute)[keyof typeof PassTokenRoute];

// No prefix starts another, so the order only sets how the unknown-prefix detail lists them.
const ROUTES: ReadonlyArray<readonly [prefix: string, route: PassTokenRoute]> = [
  ['pt_', PassTokenRoute.Main],
  ['offline_', PassTokenRoute.Fallback],
  ['client_', PassTokenRoute.None],
  ['co_', PassTokenRoute.None],
  ['dg_', PassTokenRoute.Main],
];

/** Every pass token prefix (`pt_`, `offline_`, `client_`, `co_`, `dg_`). */
export const PASS_TOKEN_PREFIXES = ROUTES.map(([prefix]) => prefix);

/**
 * What a pass token may contain after its prefix. Real tokens are hex; base64/base64url and a few separators are
 * allowed too, so an unexpected but well-formed token is never refused here: a false "malformed" would be worse
 * than a call that CaptchaLa answers with `invalid_token`.
 */
const BODY = /^[A-Za-z0-9._~+/=:-]+$/;

export type PassTokenCheck =
  | { ok: true; token: string; route: PassTokenRoute }
  | { ok: false; reason: ValidationReason; detail: string };

/** Checks a submitted value before any call: a string of sane length with a known prefix and token characters. */
export function checkPassToken(token: unknown): PassTokenCheck {
  if (token === undefined || token === null || token === '') {
    return { ok: false, reason: ValidationReason.EmptyToken, detail: 'no token was submitted' };
  }
  if (typeof token !== 'string') {
    const type = Array.isArray(token) ? 'an array (the field was sent more than once?)' : `a ${typeof token}`;
    return { ok: false, reason: ValidationReason.NotAString, detail: `the token is ${type}, not a string` };
  }
  if (token.length > DEFAULTS.maxTokenLength) {
    return {
      ok: false,
      reason: ValidationReason.TokenTooLong,
      detail: `the token has ${token.length} characters (at most ${DEFAULTS.maxTokenLength})`,
    };
  }
  const match = ROUTES.find(([prefix]) => token.startsWith(prefix));
  if (!match) {
    const detail = token.startsWith('sct_')
      ? 'this is a server challenge token (sct_), not a pass token: the form sent the wrong value'
      : `a pass token starts with ${PASS_TOKEN_PREFIXES.slice(0, -1).join(', ')} or ${PASS_TOKEN_PREFIXES.at(-1)}`;
    return { ok: false, reason: ValidationReason.UnknownPrefix, detail };
  }
  const [prefix, route] = match;
  if (!BODY.test(token.slice(prefix.length))) {
    return {
      ok: false,
      reason: ValidationReason.InvalidCharacters,
      detail: `after ${prefix} a pass token has only letters, digits and ._~+/=:- (whitespace? a truncated field?)`,
    };
  }
  return { ok: true, token, route };
}
