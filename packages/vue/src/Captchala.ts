import {
  CAPTCHALA_EVENTS,
  CAPTCHALA_OPTIONS,
  type CaptchalaEventDetail,
  type CaptchalaEventName,
  type CaptchalaOptionName,
  type CaptchalaWidget,
  defineCaptchalaWidget,
  type ServerTokenProvider,
} from '@captchala-kit/element';
import {
  type ComponentOptionsMixin,
  type DefineComponent,
  defineComponent,
  type ExtractPublicPropTypes,
  h,
  inject,
  type PropType,
  type VNode,
  watch,
} from 'vue';
import { captchalaDefaultsKey } from './captchalaDefaultsKey';
import { type UseCaptchalaResult, useCaptchala } from './useCaptchala';

/**
 * `<Captchala>`'s props, typed from the element's `CAPTCHALA_OPTIONS`: each setting as its property's type
 * (`disabled` a Boolean, so a bare `disabled` counts), the native `lang` and `nonce`, and `modelValue`.
 */
export type CaptchalaPropsOptions = {
  [K in keyof Pick<CaptchalaWidget, CaptchalaOptionName>]: (typeof CAPTCHALA_OPTIONS)[K] extends {
    type: BooleanConstructor;
  }
    ? BooleanConstructor
    : { type: PropType<Exclude<CaptchalaWidget[K], undefined>> };
} & {
  /** `v-model`: the widget's fresh, unused token, or `''` (none yet, spent or expired). The widget owns it. */
  modelValue: StringConstructor;
  /** The native `lang` attribute: absent, the widget follows the page's language. */
  lang: StringConstructor;
  nonce: StringConstructor;
};
// At run time the element checks the values (Vue checks only the Boolean); the types come from the element.
const captchalaProps: Record<string, unknown> = { modelValue: String, lang: String, nonce: String };
for (const key in CAPTCHALA_OPTIONS) {
  captchalaProps[key] = (CAPTCHALA_OPTIONS[key as CaptchalaOptionName] as { type?: unknown }).type ?? null;
}

/** `<Captchala>`'s props: every setting of `<captchala-widget>`, `lang`, `nonce`, and `modelValue`. */
export type CaptchalaProps = ExtractPublicPropTypes<CaptchalaPropsOptions>;

/**
 * One emit per entry of the element's `CAPTCHALA_EVENTS` (`ready`, `success`, …), its payload the `detail` of the
 * element's event (typing only: no runtime check), and `update:modelValue`.
 */
export type CaptchalaEmits = {
  [N in CaptchalaEventName | 'update:modelValue']: N extends CaptchalaEventName
    ? CaptchalaEventDetail<N> extends undefined
      ? () => true
      : (detail: CaptchalaEventDetail<N>) => true
    : (token: string) => true;
};
const emits = ['update:modelValue', ...Object.keys(CAPTCHALA_EVENTS)];

/** What a template ref to `<Captchala>` gives (its `expose`). */
export type CaptchalaExposed = Pick<UseCaptchalaResult, 'element' | 'getToken' | 'reset'>;

const component = defineComponent({
  props: captchalaProps as unknown as CaptchalaPropsOptions,
  emits: emits as unknown as CaptchalaEmits,
  expose: ['element', 'getToken', 'reset'],
  setup(props, { emit }) {
    defineCaptchalaWidget();
    const defaults: Record<string, unknown> = inject(captchalaDefaultsKey, {});
    const captcha = useCaptchala();
    watch(captcha.token, (token) => emit('update:modelValue', token));
    const send = emit as (event: string, detail?: unknown) => void;
    const on: Record<string, (event: Event & { detail?: unknown }) => void> = {};
    for (const name of emits.slice(1)) on[`onCaptchala-${name}`] = ({ detail }) => send(name, detail);
    // One function for the element's lifetime that calls the current provider: an inline provider in a template
    // (a new function on every render) must not re-initialise the widget on every render.
    const provider: ServerTokenProvider = (context) =>
      (props.serverTokenProvider ?? (defaults['serverTokenProvider'] as ServerTokenProvider))(context);

    // In the browser only (Vue 3.3 would render a `.prop` as an attribute on the server): its error messages name
    // props (`appKey`), as Vue users write them, not attributes.
    const ref = (target: Element | null) => {
      captcha.ref(target);
      if (target) (target as CaptchalaWidget).optionNames = 'property';
    };

    /** Attributes (so they render on the server; an object theme as JSON), but the provider: a property. */
    const widget = () => {
      const attributes: Record<string, unknown> = { ref, ...on };
      for (const key in props) {
        const value = props[key as keyof typeof props] ?? defaults[key];
        if (value == null || key === 'modelValue') continue;
        const attribute = (CAPTCHALA_OPTIONS as Record<string, { attribute?: string | false }>)[key]
          ?.attribute;
        if (attribute === false) attributes[`.${key}`] = value instanceof Function ? provider : value;
        else attributes[attribute ?? key] = value instanceof Object ? JSON.stringify(value) : value;
      }
      return h('captchala-widget', attributes);
    };
    return { ...captcha, widget };
  },
  render: ({ widget }: { widget(): VNode }) => widget(),
});

/**
 * `<captchala-widget>` as a Vue component: props become its attributes (the provider its property),
 * its events become emits, and `v-model` follows its token. Registers the element when first set up.
 */
// Typed by hand, with the first eight parameters of `DefineComponent`, which mean the same from Vue 3.3 to 3.5:
// the inferred type spells out Vue 3.5's twenty, which Vue 3.3 and 3.4 (thirteen) reject in the published d.ts.
// A cast, not an annotation: Vue 3.5 narrows the inferred instance to the exposed keys, which 3.3 cannot express;
// the bindings named here are those exposed, so a template ref sees nothing else of the setup state.
export const Captchala = component as DefineComponent<
  CaptchalaPropsOptions,
  CaptchalaExposed,
  Record<never, never>,
  Record<never, never>,
  Record<never, never>,
  ComponentOptionsMixin,
  ComponentOptionsMixin,
  CaptchalaEmits
>;
