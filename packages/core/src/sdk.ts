/** The four CaptchaLa products (there is no `inline`). */
export const Product = {
  /** Trigger bar + modal challenge. */
  Popup: 'popup',
  /** Trigger bar + floating panel. */
  Float: 'float',
  /** Inline checkbox. */
  Embed: 'embed',
  /** Invisible; the challenge runs when asked. */
  Bind: 'bind',
} as const;
export type Product = (typeof Product)[keyof typeof Product];

const PRODUCTS: readonly string[] = Object.values(Product);

export function isProduct(value: unknown): value is Product {
  return typeof value === 'string' && PRODUCTS.includes(value);
}

/** `dark`, `stereoscopic`, another preset name, or a custom theme (every field optional). */
export type Theme =
  | string
  | {
      custom?: {
        color?: string;
        gradient?: string;
        hover?: string;
        brightness?: 'light' | 'dark' | 'system';
        radius?: string;
      };
    };

/** A success result. Only `token` is guaranteed; the rest is typed loosely on purpose (contract §2). */
export interface CaptchalaResult {
  token: string;
  /** Seconds the token lives, when the SDK says (native SDKs do; the web SDK may not). */
  ttl?: number;
  action?: string;
  challengeId?: string;
  [key: string]: unknown;
}

export interface CaptchalaInitConfig {
  appKey: string;
  product?: Product;
  action?: string;
  lang?: string;
  theme?: Theme;
  serverToken?: string;
  onServerTokenExpired?: () => string | null | Promise<string | null>;
}

/** A `Captchala.init()` instance. Chaining is not relied on: the contract marks it partly inferred. */
export interface CaptchalaInstance {
  onReady(callback: () => void): unknown;
  onSuccess(callback: (result: CaptchalaResult) => void): unknown;
  onError(callback: (error: unknown) => void): unknown;
  onClose(callback: () => void): unknown;
  appendTo(target: string | Element): unknown;
  bindTo(target: string | Element): unknown;
  showCaptcha(): unknown;
  verify(): unknown;
  reset(): unknown;
  destroy(): unknown;
  /** May be absent: feature-detect. */
  setLang?: (lang: string) => unknown;
}

/** `window.Captchala`, defined only after the loader's `onReady`. */
export interface CaptchalaSdk {
  init(config: CaptchalaInitConfig): CaptchalaInstance;
}

/** The globals the loader and SDK define on `window`. */
export interface CaptchalaGlobals {
  loadCaptchala?: (onReady: () => void, onError?: (error: unknown) => void) => void;
  Captchala?: CaptchalaSdk;
}
