import { DEV } from './DEV';
import { CaptchalaError } from './errors';
import { CAPTCHALA_SCRIPT_ORIGINS } from './loaderOrigins';
import type { CspViolation } from './loaderPlatform';
import { KIT_POLICY } from './trustedTypes';

/** How long a script error waits for the CSP violation report that may explain it (they arrive as separate tasks). */
export const CSP_REPORT_GRACE_MS = 100;

const TRUSTED_TYPES_DIRECTIVE = 'require-trusted-types-for';

function originOf(src: string): string {
  try {
    return new URL(src).origin;
  } catch {
    return src;
  }
}

/** Whether a violation is about a CaptchaLa script: the loader itself, or the SDK it fetches. */
export function blocksCaptchalaScript(violation: CspViolation, loaderSrc: string): boolean {
  if (!violation.effectiveDirective.startsWith('script-src') || !violation.blockedURI) return false;
  const blocked = originOf(violation.blockedURI);
  return blocked === originOf(loaderSrc) || CAPTCHALA_SCRIPT_ORIGINS.includes(blocked);
}

/** Whether a Trusted Types refusal is about a CaptchaLa script URL (its sample shows the start of the value). */
export function refusesCaptchalaScript(violation: CspViolation, loaderSrc: string): boolean {
  if (violation.effectiveDirective !== TRUSTED_TYPES_DIRECTIVE) return false;
  const value = violation.sample?.split('|')[1] ?? '';
  return [originOf(loaderSrc), ...CAPTCHALA_SCRIPT_ORIGINS].some((origin) => value.startsWith(origin));
}

export function cspError(violation: CspViolation, src: string, what: 'loader' | 'sdk'): CaptchalaError {
  const directive = violation.effectiveDirective;
  const blocked = violation.blockedURI || src;
  const message = !DEV
    ? ''
    : what === 'loader'
      ? `The page's Content-Security-Policy (${directive}) blocked the CaptchaLa loader ${blocked}: allow ${originOf(src)} in ${directive}, or give the widget the page's nonce (it is set on the tag; with 'strict-dynamic' the nonce is enough).`
      : `The page's Content-Security-Policy (${directive}) blocked CaptchaLa's SDK ${blocked}, which the loader adds without a nonce: add 'strict-dynamic' next to your nonce in script-src (scripts added by a trusted script are then allowed), or allow ${originOf(blocked)} in ${directive}.`;
  return new CaptchalaError({
    code: 'loader_blocked_csp',
    message,
    detail: `${directive} blocked ${blocked}`,
  });
}

export function trustedTypesError(what: 'loader' | 'sdk', cause?: unknown): CaptchalaError {
  const message = !DEV
    ? ''
    : what === 'loader'
      ? `The page enforces Trusted Types and refused the kit's loader URL: add ${KIT_POLICY} to your trusted-types directive, or call installCaptchalaTrustedTypes() before the widget loads.`
      : `The page enforces Trusted Types (${TRUSTED_TYPES_DIRECTIVE} 'script') and CaptchaLa's loader assigns its SDK URL as a plain string, which the browser refuses. Call installCaptchalaTrustedTypes() from @captchala-kit/core before the widget loads: it installs a "default" policy that admits only CaptchaLa's exact script URLs and those you named with allowLoaderOrigins() (add default to your trusted-types directive).`;
  return new CaptchalaError({ code: 'loader_blocked_trusted_types', message, cause });
}
