import config from 'virtual:playground-config';
import type { CaptchalaDefaults } from '@captchala-kit/vue';
import { reactive } from 'vue';

/**
 * What `CaptchalaPlugin` gives every `<Captchala>` on the page: the loader (the stand-in's, offline) and a
 * language. Reactive, so the language picker switches every widget live.
 */
export const captchalaDefaults = reactive<CaptchalaDefaults>({ loaderSrc: config.loaderUrl });
