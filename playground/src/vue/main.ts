import { CaptchalaPlugin } from '@captchala-kit/vue';
import { createApp } from 'vue';
import { captchalaDefaults } from './captchalaDefaults';
import VuePlayground from './VuePlayground.vue';

createApp(VuePlayground).use(CaptchalaPlugin, captchalaDefaults).mount('#app');
