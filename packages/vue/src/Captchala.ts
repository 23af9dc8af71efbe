import {
  type CaptchalaError,
  type CaptchalaStatusDetail,
  type CaptchalaSuccessDetail,
  defineCaptchalaWidget,
  type LoadingStrategy,
  type Product,
  type ServerTokenProvider,
  type Theme,
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

const captchalaProps = {
  /** `v-model`: the widget's fresh, unused token, or `''` (none yet, spent or expired). The widget owns it. */
  modelValue: String,
  appKey: String,
  action: String,
  product: String as PropType<Product>,
  /** The native `lang` attribute: absent, the widget follows the page's language. */
  lang: String,
  /** A preset (`dark`, `stereoscopic`), a JSON string, or an object. */
  theme: [String, Object] as PropType<Theme>,
  serverToken: String,
  serverTokenUrl: String,
  serverTokenProvider: Function as PropType<ServerTokenProvider>,
  name: String,
  tokenTtl: [Number, String],
  refreshMargin: [Number, String],
  loading: String as PropType<LoadingStrategy>,
  disabled: Boolean,
  loaderSrc: String,
  nonce: String,
};

/** `<Captchala>`'s props: every attribute and property of `<captchala-widget>`, and `modelValue`. */
export type CaptchalaProps = ExtractPublicPropTypes<typeof captchalaProps>;

/** Each emit's payload is the `detail` of the element's event of the same name (typing only: no runtime check). */
export type CaptchalaEmits = {
  'update:modelValue': (token: string) => true;
  ready: () => true;
  success: (detail: CaptchalaSuccessDetail) => true;
  expired: () => true;
  error: (error: CaptchalaError) => true;
  close: () => true;
  status: (detail: CaptchalaStatusDetail) => true;
};
const emits = ['update:modelValue', 'ready', 'success', 'expired', 'error', 'close', 'status'];

/** No data, computed properties or methods (options API). */
type None = Record<never, never>;

/** What a template ref to `<Captchala>` gives (its `expose`). */
type CaptchalaExposed = Pick<UseCaptchalaResult, 'element' | 'getToken' | 'reset'>;

const component = defineComponent({
  props: captchalaProps,
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

    /** Attributes (so they render on the server; an object theme as JSON), but the provider: a property. */
    const widget = () => {
      const attributes: Record<string, unknown> = { ref: captcha.ref, ...on };
      for (const key in props) {
        const value = props[key as keyof typeof props] ?? defaults[key];
        if (value == null || key === 'modelValue') continue;
        if (value instanceof Function) attributes[`.${key}`] = provider;
        else {
          attributes[key.replace(/[A-Z]/g, '-$&').toLowerCase()] =
            value instanceof Object ? JSON.stringify(value) : value;
        }
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
  typeof captchalaProps,
  CaptchalaExposed,
  None,
  None,
  None,
  ComponentOptionsMixin,
  ComponentOptionsMixin,
  CaptchalaEmits
>;
