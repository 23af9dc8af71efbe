import type { Plugin } from 'vue';
import { Captchala } from './Captchala';
import { type CaptchalaDefaults, captchalaDefaultsKey } from './captchalaDefaultsKey';

/**
 * `app.use(CaptchalaPlugin, defaults)`: registers `<Captchala>` globally and gives every instance app-wide
 * defaults (`appKey`, `lang`, `loaderSrc`, …). A reactive object's changes reach every widget.
 */
export const CaptchalaPlugin: Plugin<[defaults?: CaptchalaDefaults]> = {
  install(app, defaults = {}) {
    app.provide(captchalaDefaultsKey, defaults);
    app.component('Captchala', Captchala);
  },
};

declare module 'vue' {
  export interface GlobalComponents {
    Captchala: typeof Captchala;
  }
}
