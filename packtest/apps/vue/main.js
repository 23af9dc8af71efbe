import { connectStandIn } from '@captchala-kit/testing/stand-in';
import { allowLoaderOrigins } from '@captchala-kit/vue';
import { createApp } from 'vue';
import App from './App.vue';

// The stand-in's loader and SDK on this server, named by their exact URLs as a site names its self-hosted loader:
// the kit loads CaptchaLa's own scripts and nothing else until the page's JavaScript names more.
allowLoaderOrigins(connectStandIn({ baseUrl: '/__captchala' }).scriptUrls());

createApp(App).mount('#app');
