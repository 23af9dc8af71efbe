import type { CaptchalaControllerOptions } from './controllerTypes';
import type { ServerTokenProvider } from './createServerTokenSource';
import { DEFAULTS } from './DEFAULTS';
import { DEV } from './DEV';
import { CaptchalaError } from './errors';
import { isLoadingStrategy, type LoadingStrategy } from './LoadingStrategy';
import { parseTheme } from './parseTheme';
import { isProduct, type Theme } from './sdk';

/** What a widget's attributes and properties hold, as set: strings from attributes, anything from script. */
export interface WidgetOptionsInput {
  appKey?: string | null;
  action?: string | null;
  product?: string | null;
  lang?: string | null;
  theme?: Theme | string | null;
  serverToken?: string | null;
  serverTokenUrl?: string | null;
  serverTokenProvider?: ServerTokenProvider | null;
  tokenTtl?: number | string | null;
  refreshMargin?: number | string | null;
  loading?: string | null;
  loaderSrc?: string | null;
  nonce?: string | null;
}

/** Validated settings: what the controller takes, plus when to start. */
export interface WidgetOptions {
  controller: Omit<CaptchalaControllerOptions, 'platform' | 'on'>;
  loading: LoadingStrategy;
}

/**
 * Parses and validates a widget's settings in one place, for the element and every wrapper. A bad value is a
 * `CaptchalaError` with its own code and a message naming the value and the fix; never a silent default or NaN.
 */
export function parseWidgetOptions(input: WidgetOptionsInput): WidgetOptions | CaptchalaError {
  const appKey = input.appKey?.trim();
  if (!appKey) {
    return new CaptchalaError({
      code: 'missing_app_key',
      message: DEV
        ? '<captchala-widget> needs an app-key attribute: <captchala-widget app-key="your-app-key">.'
        : '',
    });
  }
  const product = input.product?.trim() || DEFAULTS.product;
  if (!isProduct(product)) {
    return new CaptchalaError({
      code: 'invalid_product',
      message: DEV
        ? `product="${input.product}" is not a CaptchaLa product: use popup, float, embed or bind.`
        : '',
    });
  }
  const loading = input.loading?.trim() || DEFAULTS.loading;
  if (!isLoadingStrategy(loading)) {
    return new CaptchalaError({
      code: 'invalid_loading',
      message: DEV
        ? `loading="${input.loading}" is not a loading strategy: use eager, visible or interaction.`
        : '',
    });
  }
  const tokenTtl = seconds(input.tokenTtl, DEFAULTS.tokenTtl);
  if (!(tokenTtl >= 1)) {
    return new CaptchalaError({
      code: 'invalid_token_ttl',
      message: DEV
        ? `token-ttl="${input.tokenTtl}" is not a number of seconds of at least 1 (default ${DEFAULTS.tokenTtl}).`
        : '',
    });
  }
  const refreshMargin = seconds(input.refreshMargin, DEFAULTS.refreshMargin);
  if (!(refreshMargin >= 0 && refreshMargin < tokenTtl)) {
    return new CaptchalaError({
      code: 'invalid_refresh_margin',
      message: DEV
        ? `refresh-margin="${input.refreshMargin}" must be a number of seconds from 0 up to less than token-ttl (${tokenTtl}); default ${DEFAULTS.refreshMargin}.`
        : '',
    });
  }
  let theme: Theme | undefined;
  try {
    theme = parseTheme(input.theme);
  } catch (error) {
    return error as CaptchalaError;
  }
  return {
    loading,
    controller: {
      appKey,
      action: input.action?.trim() || DEFAULTS.action,
      product,
      lang: input.lang?.trim() || undefined,
      theme,
      serverToken: input.serverToken?.trim() || undefined,
      serverTokenUrl: input.serverTokenUrl?.trim() || undefined,
      serverTokenProvider: input.serverTokenProvider ?? undefined,
      tokenTtl,
      refreshMargin,
      loader: { src: input.loaderSrc?.trim() || undefined, nonce: input.nonce || undefined },
    },
  };
}

/** A number of seconds from a number or a numeric string; the default when absent; NaN when malformed. */
function seconds(value: number | string | null | undefined, fallback: number): number {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  const text = value.trim();
  if (text === '') return fallback;
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}
