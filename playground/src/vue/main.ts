import { CaptchalaPlugin } from '@captchala-kit/vue';
import { createApp } from 'vue';
import { allowCaptchalaScripts } from '../allowCaptchalaScripts';
import { captchalaDefaults } from './captchalaDefaults';
import VuePlayground from './VuePlayground.vue';

allowCaptchalaScripts();

createApp(VuePlayground).use(CaptchalaPlugin, captchalaDefaults).mount('#app');
