import type { CaptchalaAttributes, CaptchalaWidget } from '@captchala-kit/element';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

/**
 * The attributes of a bare `<captchala-widget>` in JSX: every setting of `CAPTCHALA_OPTIONS` by its attribute
 * name (`app-key`, `token-ttl`, …; not the property-only `serverTokenProvider`), with the values an attribute holds
 * (`theme` a preset or a JSON string). React 18 sets every prop on a custom element as an attribute, React 19 sets a
 * property when the element has one: the attribute names mean the same thing in both. React 18 renders `false` as
 * `disabled="false"`, which still disables: pass `undefined` there. No children: the element owns its light DOM.
 */
export interface CaptchalaWidgetAttributes
  extends Omit<HTMLAttributes<CaptchalaWidget>, 'children'>,
    CaptchalaAttributes {
  /** React 18 renders `className` on a custom element as a `classname` attribute: use `class` there. */
  class?: string;
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
