import { DEV } from './DEV';
import { CaptchalaError } from './errors';
import { CAPTCHALA_SCRIPT_URLS, checkScriptUrl } from './loaderOrigins';

export interface TrustedTypePolicyLike {
  createScriptURL(url: string): unknown;
}
export interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string | null }): TrustedTypePolicyLike;
  readonly defaultPolicy?: TrustedTypePolicyLike | null;
}

/** Name of the policy the kit creates for its own loader tag; allow it in `trusted-types` when enforced. */
export const KIT_POLICY = 'captchala-kit';

export function trustedTypesOf(win: Window): TrustedTypesLike | undefined {
  return (win as Window & { trustedTypes?: TrustedTypesLike }).trustedTypes;
}

/**
 * How engines word a Trusted Types refusal at a script sink: Chromium and WebKit name `TrustedScriptURL`
 * ("This document requires 'TrustedScriptURL' assignment"); Firefox says "HTMLScriptElement.src setter: Sink type
 * mismatch violation blocked by CSP".
 */
const REFUSAL = /TrustedScriptURL|Trusted ?Type|Sink type mismatch/i;

/** True when `error` is the browser refusing a plain string at a Trusted Types sink. */
export function isTrustedTypesRefusal(error: unknown): boolean {
  // By name, not instanceof: the error may come from another realm (the page of an iframe).
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return name === 'TypeError' && typeof message === 'string' && REFUSAL.test(message);
}

const installed = new WeakSet<Window>();

export interface InstallCaptchalaTrustedTypesOptions {
  /** The window to install the policy in (default: the global one). */
  target?: Window;
}

/**
 * Opt-in for pages that enforce Trusted Types (`require-trusted-types-for 'script'`): CaptchaLa's loader injects
 * its SDK with a plain `script.src = url`, which such a page refuses. This installs the page's `default` policy,
 * admitting exactly what the loader allow-list admits (CaptchaLa's exact script URLs, `CAPTCHALA_SCRIPT_URLS`, and
 * the URLs and origins allowed with `allowLoaderOrigins`; relative URLs resolved against the document's own URL,
 * never an injected `<base>`); every other plain string stays refused. Add `default` to your `trusted-types`
 * directive. Refuses (throws `trusted_types_policy_exists`) when the page already has a default policy: admit
 * CaptchaLa's script URLs in yours instead. Idempotent; a no-op without Trusted Types.
 */
export function installCaptchalaTrustedTypes(options: InstallCaptchalaTrustedTypesOptions = {}): void {
  const win = options.target ?? window;
  const trustedTypes = trustedTypesOf(win);
  if (!trustedTypes || installed.has(win)) return;
  if (trustedTypes.defaultPolicy) {
    throw new CaptchalaError({
      code: 'trusted_types_policy_exists',
      message: DEV
        ? `This page already has a Trusted Types default policy, and a page can have only one: let your policy's createScriptURL admit CaptchaLa's script URLs (CAPTCHALA_SCRIPT_URLS: ${CAPTCHALA_SCRIPT_URLS.join(', ')}), exactly, instead of calling installCaptchalaTrustedTypes().`
        : '',
    });
  }
  try {
    trustedTypes.createPolicy('default', {
      createScriptURL: (url) => {
        const checked = checkScriptUrl(url, win.location.href, win.origin);
        return checked instanceof URL ? checked.href : null;
      },
    });
  } catch (cause) {
    throw new CaptchalaError({
      code: 'loader_blocked_trusted_types',
      message: DEV
        ? `The page's trusted-types directive does not allow a policy named "default": add default to it (e.g. trusted-types ${KIT_POLICY} default) for installCaptchalaTrustedTypes() to work.`
        : '',
      cause,
    });
  }
  installed.add(win);
}
