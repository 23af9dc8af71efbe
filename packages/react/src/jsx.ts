import type { CaptchalaWidget, LoadingStrategy, Product } from '@captchala-kit/element';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

/**
 * The attributes of a bare `<captchala-widget>` in JSX. React 18 sets every prop on a custom element as an
 * attribute, React 19 sets a property when the element has one: the kebab-case attribute names below mean the
 * same thing in both. No children: the element owns its light DOM. The property-only `serverTokenProvider` and
 * the typed event props are `<Captchala>`'s.
 */
export interface CaptchalaWidgetAttributes extends Omit<HTMLAttributes<CaptchalaWidget>, 'children'> {
  /** React 18 renders `className` on a custom element as a `classname` attribute: use `class` there. */
  class?: string;
  'app-key'?: string;
  action?: string;
  product?: Product;
  /** A preset (`dark`, `stereoscopic`) or a JSON string. */
  theme?: string;
  'server-token'?: string;
  'server-token-url'?: string;
  name?: string;
  'token-ttl'?: number | string;
  'refresh-margin'?: number | string;
  loading?: LoadingStrategy;
  /** React 18 renders `false` as `disabled="false"`, which still disables: pass `undefined` there. */
  disabled?: boolean;
  'loader-src'?: string;
}

/** What `<captchala-widget>` takes in JSX: its attributes, `ref` (the element) and `key`. */
export type CaptchalaWidgetJsxProps = DetailedHTMLProps<CaptchalaWidgetAttributes, CaptchalaWidget>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'captchala-widget': CaptchalaWidgetJsxProps;
    }
  }
}
