import { checkScriptUrl } from './loaderOrigins';
import type { CaptchalaGlobals } from './sdk';
import { KIT_POLICY, type TrustedTypePolicyLike, trustedTypesOf } from './trustedTypes';

/** A loader `<script>` as the loader needs it. */
export interface ScriptHandle {
  /** Calls back once on load or on error; returns a function that stops listening. */
  watch(callbacks: { load: () => void; error: () => void }): () => void;
  remove(): void;
}

/** A CSP violation, reduced to what the loader reports. */
export interface CspViolation {
  blockedURI: string;
  /** e.g. `script-src-elem`, or `require-trusted-types-for` for a Trusted Types refusal. */
  effectiveDirective: string;
  /** For Trusted Types: the sink and the start of the refused value, e.g. `HTMLScriptElement src|https://…`. */
  sample?: string;
}

/**
 * Everything the loader touches in the page, injected so the logic runs (and is tested) without a DOM, like
 * floating-ui's `Platform`. `browserLoaderPlatform()` is the real one.
 */
export interface LoaderPlatform {
  /** Identity of the document: at most one loader script per key. */
  key: object;
  /**
   * The document's own URL (`location.href`), against which relative script URLs resolve: never
   * `document.baseURI`, which an injected `<base href>` sets.
   */
  pageUrl: string;
  /** The document's origin (`self.origin`): `'null'` when it is opaque (a sandboxed frame, a `data:` document). */
  pageOrigin: string;
  globals: CaptchalaGlobals;
  /** A loader tag already in the page (a CMS put it there, maybe with `?ver=…`, or another copy of the kit). */
  findScript(src: string): ScriptHandle | null;
  /** Throws a `TypeError` when the page's Trusted Types refuse the URL. */
  injectScript(options: { src: string; nonce: string | undefined }): ScriptHandle;
  /** The page's CSP nonce, from a nonce'd script or a `csp-nonce` meta tag. */
  detectNonce(): string | undefined;
  onCspViolation(listener: (violation: CspViolation) => void): () => void;
  isOnline(): boolean;
  onOnline(listener: () => void): () => void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const policies = new WeakMap<Window, TrustedTypePolicyLike | null>();

/**
 * A script URL through the kit's own policy, which admits exactly what the loader allow-list admits (a plain
 * string without Trusted Types, or when the page does not allow the policy: then the page's default policy, if
 * any, decides).
 */
function trustedScriptUrl(win: Window, src: string): unknown {
  const trustedTypes = trustedTypesOf(win);
  if (!trustedTypes) return src;
  let policy = policies.get(win);
  if (policy === undefined) {
    try {
      policy = trustedTypes.createPolicy(KIT_POLICY, {
        createScriptURL(url) {
          const checked = checkScriptUrl(url, win.location.href, win.origin);
          if (!(checked instanceof URL)) throw new TypeError(checked.message);
          return checked.href;
        },
      });
    } catch {
      policy = null; // the page's `trusted-types` directive does not list the policy
    }
    policies.set(win, policy);
  }
  return policy ? policy.createScriptURL(src) : src;
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

/**
 * Origin and path of an absolute URL (a checked one, or a tag's resolved `src`): a CMS's `?ver=6.4` or a `#hash`
 * does not make another script. Reusing such a tag runs nothing new: the page already loads it.
 */
function scriptKey(src: string): string | null {
  try {
    const url = new URL(src);
    return `${url.origin}${url.pathname}`;
  } catch {
    return null; // a tag whose src is no URL
  }
}

/** The real platform for a document (default: the global one). */
export function browserLoaderPlatform(doc: Document = document): LoaderPlatform {
  const win = doc.defaultView as Window & typeof globalThis;
  return {
    key: doc,
    // Read on each check: a document's URL changes with history.pushState.
    get pageUrl() {
      return win.location.href;
    },
    pageOrigin: win.origin,
    globals: win as unknown as CaptchalaGlobals,
    findScript(src) {
      const wanted = scriptKey(src);
      const script = [...doc.querySelectorAll<HTMLScriptElement>('script[src]')].find(
        (element) => scriptKey(element.src) === wanted,
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
