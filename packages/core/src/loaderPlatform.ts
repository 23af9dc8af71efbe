import type { CaptchalaGlobals } from './sdk';

/** A loader `<script>` as the loader needs it. */
export interface ScriptHandle {
  /** Calls back once on load or on error; returns a function that stops listening. */
  watch(callbacks: { load: () => void; error: () => void }): () => void;
  remove(): void;
}

/** A CSP violation, reduced to what the loader reports. */
export interface CspViolation {
  blockedURI: string;
  /** e.g. `script-src-elem`. */
  effectiveDirective: string;
}

/**
 * Everything the loader touches in the page, injected so the logic runs (and is tested) without a DOM, like
 * floating-ui's `Platform`. `browserLoaderPlatform()` is the real one.
 */
export interface LoaderPlatform {
  /** Identity of the document: at most one loader script per key. */
  key: object;
  globals: CaptchalaGlobals;
  /** A loader tag already in the page (a CMS put it there, or another copy of the kit). */
  findScript(src: string): ScriptHandle | null;
  injectScript(options: { src: string; nonce: string | undefined }): ScriptHandle;
  /** The page's CSP nonce, from a nonce'd script or a `csp-nonce` meta tag. */
  detectNonce(): string | undefined;
  onCspViolation(listener: (violation: CspViolation) => void): () => void;
  isOnline(): boolean;
  onOnline(listener: () => void): () => void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface TrustedTypePolicyLike {
  createScriptURL(url: string): unknown;
}
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): TrustedTypePolicyLike;
}

/** Name of the Trusted Types policy the kit creates; allow it in `trusted-types` when the page enforces them. */
export const TRUSTED_TYPES_POLICY = 'captchala-kit';

const policies = new WeakMap<Window, { policy: TrustedTypePolicyLike | null; allowed: Set<string> }>();

/** A script URL through a policy that only admits the configured loader URLs (a plain string without TT). */
function trustedScriptUrl(win: Window, src: string): string {
  const trustedTypes = (win as Window & { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!trustedTypes) return src;
  let entry = policies.get(win);
  if (!entry) {
    const allowed = new Set<string>();
    let policy: TrustedTypePolicyLike | null = null;
    try {
      policy = trustedTypes.createPolicy(TRUSTED_TYPES_POLICY, {
        createScriptURL(url) {
          if (!allowed.has(url)) throw new TypeError(`${TRUSTED_TYPES_POLICY}: ${url} is not the loader URL`);
          return url;
        },
      });
    } catch {
      // The page's `trusted-types` directive does not allow our policy: assignment below reports it.
    }
    entry = { policy, allowed };
    policies.set(win, entry);
  }
  entry.allowed.add(src);
  return (entry.policy?.createScriptURL(src) ?? src) as string;
}

function handle(script: HTMLScriptElement): ScriptHandle {
  return {
    watch({ load, error }) {
      script.addEventListener('load', load);
      script.addEventListener('error', error);
      return () => {
        script.removeEventListener('load', load);
        script.removeEventListener('error', error);
      };
    },
    remove: () => script.remove(),
  };
}

/** The real platform for a document (default: the global one). */
export function browserLoaderPlatform(doc: Document = document): LoaderPlatform {
  const win = doc.defaultView as Window & typeof globalThis;
  return {
    key: doc,
    globals: win as unknown as CaptchalaGlobals,
    findScript(src) {
      const absolute = new URL(src, doc.baseURI).href;
      const script = [...doc.querySelectorAll('script[src]')].find(
        (element): element is HTMLScriptElement => (element as HTMLScriptElement).src === absolute,
      );
      return script ? handle(script) : null;
    },
    injectScript({ src, nonce }) {
      const script = doc.createElement('script');
      // setAttribute: the nonce must be on the element when it is inserted for CSP to admit it.
      if (nonce) script.setAttribute('nonce', nonce);
      script.async = true;
      script.dataset['captchalaKit'] = '';
      (script as { src: unknown }).src = trustedScriptUrl(win, src);
      (doc.head ?? doc.documentElement).append(script);
      return handle(script);
    },
    detectNonce() {
      // `<meta name="csp-nonce" content>` (common), `<meta property="csp-nonce" nonce>` (Vite's html.cspNonce),
      // else any nonce'd script. `.nonce` survives the browser hiding the attribute.
      const meta = doc.querySelector<HTMLMetaElement>('meta[name="csp-nonce"], meta[property="csp-nonce"]');
      const fromMeta = meta?.nonce || meta?.getAttribute('nonce') || meta?.content;
      if (fromMeta) return fromMeta;
      const script = doc.querySelector<HTMLScriptElement>('script[nonce]');
      return script?.nonce || script?.getAttribute('nonce') || undefined;
    },
    onCspViolation(listener) {
      const onViolation = (event: SecurityPolicyViolationEvent) => listener(event);
      doc.addEventListener('securitypolicyviolation', onViolation);
      return () => doc.removeEventListener('securitypolicyviolation', onViolation);
    },
    isOnline: () => win.navigator.onLine !== false,
    onOnline(listener) {
      win.addEventListener('online', listener);
      return () => win.removeEventListener('online', listener);
    },
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: (id) => win.clearTimeout(id as number),
  };
}
