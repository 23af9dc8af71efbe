import {
  CaptchalaError,
  DEFAULTS as CORE_DEFAULTS,
  Product,
  type ServerTokenProvider,
  type Theme,
} from '@captchala-kit/core';
import type { CaptchalaControllerOptions } from '@captchala-kit/core/internal';
import type { PropertyDeclaration } from '@lit/reactive-element';
import type { CaptchalaWidget } from './CaptchalaWidget';
import { DEV } from './DEV';
import { LoadingStrategy } from './LoadingStrategy';
import { parseTheme } from './parseTheme';

/**
 * Every setting of `<captchala-widget>`, written once: the element's own Lit property declarations (its
 * `static properties`), from which React and Vue derive their props, the attributes they render and their typings.
 * An entry's `attribute` is the attribute's name (`false`: a property only); absent, the lowercased name. Each
 * value's type is the element's property (`CaptchalaWidget[name]`), parsed by `parseWidgetOptions`. The native
 * `lang` and `nonce` are not here: the element reads them, never shadows them.
 */
export const CAPTCHALA_OPTIONS = {
  appKey: { attribute: 'app-key' },
  action: {},
  product: { reflect: true },
  // The attribute's string as is (Lit's default), or an object set as a property: both are parsed.
  theme: {},
  serverToken: { attribute: 'server-token' },
  serverTokenUrl: { attribute: 'server-token-url' },
  serverTokenProvider: { attribute: false },
  name: { reflect: true },
  // Strings from attributes, numbers from script: both are parsed (and refused when malformed).
  tokenTtl: { attribute: 'token-ttl' },
  refreshMargin: { attribute: 'refresh-margin' },
  loading: { reflect: true },
  disabled: { type: Boolean, reflect: true },
  loaderSrc: { attribute: 'loader-src' },
} as const satisfies Record<string, PropertyDeclaration>;

/** `appKey`, `action`, …: the name of each setting as a property. */
export type CaptchalaOptionName = keyof typeof CAPTCHALA_OPTIONS;
/** The attribute a setting is written as (`app-key` for `appKey`), or `false` for a property-only one. */
export type CaptchalaOptionAttribute<K extends CaptchalaOptionName> = (typeof CAPTCHALA_OPTIONS)[K] extends {
  attribute: infer A extends string | false;
}
  ? A
  : Lowercase<K>;

/** The settings as properties, each optional and typed as the element's: what `<Captchala>` takes as props. */
export type CaptchalaOptions = Partial<Pick<CaptchalaWidget, CaptchalaOptionName>>;

/** The settings as attributes (`app-key`, `token-ttl`, …), with the values an attribute can hold. */
export type CaptchalaAttributes = {
  [K in CaptchalaOptionName as CaptchalaOptionAttribute<K> & string]?: Exclude<CaptchalaWidget[K], object>;
};

/** The attribute a setting is written as (`appKey` → `app-key`), or `false` for a property-only one. */
export function optionAttribute<K extends CaptchalaOptionName>(name: K): CaptchalaOptionAttribute<K> {
  const declared = (CAPTCHALA_OPTIONS[name] as PropertyDeclaration).attribute;
  return (declared ?? name.toLowerCase()) as CaptchalaOptionAttribute<K>;
}

/** Every default of the element: core's (`action`, `product`, `tokenTtl`, `refreshMargin`) and its own. */
export const DEFAULTS = Object.freeze({
  ...CORE_DEFAULTS,
  /** Form field the pass token travels in. */
  name: 'captchala_token',
  loading: LoadingStrategy.Eager as LoadingStrategy,
});

/** What a widget's attributes and properties hold, as set: strings from attributes, anything from script. */
export interface WidgetOptionsInput {
  appKey?: string | null;
  action?: string | null;
  product?: string | null;
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

/** How a message names a setting: by attribute (`app-key`, the element's own), or by property (`appKey`). */
export type OptionNames = 'attribute' | 'property';

/**
 * Parses and validates a widget's settings in one place. A bad value is a `CaptchalaError` with its own code and a
 * message naming the setting as the user wrote it (`names`: `app-key` on the element, `appKey` in React and Vue),
 * the value and the fix; never a silent default or NaN. `lang` is the effective language (the closest `lang`).
 */
export function parseWidgetOptions(
  input: WidgetOptionsInput,
  lang = '',
  names: OptionNames = 'attribute',
): WidgetOptions | CaptchalaError {
  const label = (option: CaptchalaOptionName) =>
    names === 'attribute' ? (optionAttribute(option) as string) : option;
  const appKey = input.appKey?.trim();
  if (!appKey) {
    return new CaptchalaError({
      code: 'missing_app_key',
      message: DEV
        ? names === 'attribute'
          ? '<captchala-widget> needs an app-key attribute: <captchala-widget app-key="your-app-key">.'
          : '<Captchala> needs an appKey: your app key (public) from the CaptchaLa console.'
        : '',
    });
  }
  const product = input.product?.trim() || DEFAULTS.product;
  if (!(Object.values(Product) as string[]).includes(product)) {
    return new CaptchalaError({
      code: 'invalid_product',
      message: DEV
        ? `${label('product')}="${input.product}" is not a CaptchaLa product: use popup, float, embed or bind.`
        : '',
    });
  }
  const loading = input.loading?.trim() || DEFAULTS.loading;
  if (!(Object.values(LoadingStrategy) as string[]).includes(loading)) {
    return new CaptchalaError({
      code: 'invalid_loading',
      message: DEV
        ? `${label('loading')}="${input.loading}" is not a loading strategy: use eager, visible or interaction.`
        : '',
    });
  }
  const tokenTtl = seconds(input.tokenTtl, DEFAULTS.tokenTtl);
  if (!(tokenTtl >= 1)) {
    return new CaptchalaError({
      code: 'invalid_token_ttl',
      message: DEV
        ? `${label('tokenTtl')}="${input.tokenTtl}" is not a number of seconds of at least 1 (default ${DEFAULTS.tokenTtl}).`
        : '',
    });
  }
  const refreshMargin = seconds(input.refreshMargin, DEFAULTS.refreshMargin);
  if (!(refreshMargin >= 0 && refreshMargin < tokenTtl)) {
    return new CaptchalaError({
      code: 'invalid_refresh_margin',
      message: DEV
        ? `${label('refreshMargin')}="${input.refreshMargin}" must be a number of seconds from 0 up to less than ${label('tokenTtl')} (${tokenTtl}); default ${DEFAULTS.refreshMargin}.`
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
    loading: loading as LoadingStrategy,
    controller: {
      appKey,
      action: input.action?.trim() || DEFAULTS.action,
      product: product as Product,
      lang: lang.trim() || undefined,
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
