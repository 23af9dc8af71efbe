import type { InjectionKey } from 'vue';
import type { CaptchalaProps } from './Captchala';

/** App-wide defaults for `<Captchala>`'s props (a prop set on the component wins). */
export type CaptchalaDefaults = Omit<CaptchalaProps, 'modelValue' | 'disabled'>;

/** Where `CaptchalaPlugin` provides the defaults and `<Captchala>` injects them. */
export const captchalaDefaultsKey: InjectionKey<CaptchalaDefaults> = Symbol();
