import { resolve } from 'node:path';
import { TEST_APP_KEYS, TEST_APP_SECRET } from '@captchala-kit/testing';
import { captchalaFake } from '@captchala-kit/testing/vite';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { defaultClientConditions, defineConfig } from 'vite';
import { pageConfig } from './server/pageConfig';
import { PlaygroundMode, playgroundConfig } from './server/playgroundConfig';
import { siteBackend } from './server/siteBackend';

const config = playgroundConfig({
  env: process.env,
  fakeAppKey: TEST_APP_KEYS.pass,
  fakeServerTokenAppKey: TEST_APP_KEYS.serverToken,
  fakeAppSecret: TEST_APP_SECRET,
});
// One entry per scenario page (each `<name>.html` at the playground's root).
const pages = [
  'index',
  'pages/plain-sdk',
  'pages/widget',
  'pages/csp',
  'pages/faults',
  'pages/why-invalid',
  'pages/csp-blocked-frame',
  'pages/vue',
  'pages/react',
];

export default defineConfig({
  resolve: { conditions: ['@captchala-kit/source', ...defaultClientConditions] },
  plugins: [
    // The docs site previews the built pages (`pnpm docs:preview`, on 127.0.0.1): the "why invalid?" page reads the
    // stand-in's /__control/inspect there too.
    config.mode === PlaygroundMode.Offline ? captchalaFake({ controlInPreview: true }) : [],
    pageConfig(config),
    siteBackend({ config }),
    // The Vue pages use <captchala-widget> through @captchala-kit/vue, which needs no isCustomElement option.
    react(),
    vue(),
  ],
  build: {
    rollupOptions: {
      input: Object.fromEntries(pages.map((page) => [page, resolve(import.meta.dirname, `${page}.html`)])),
    },
  },
  // Vite puts this nonce on every script and style it injects (and in a csp-nonce meta), so pages/csp.html can
  // enforce a strict nonce-based CSP.
  html: { cspNonce: 'playground-nonce' },
  // One page per scenario: an unknown path is a 404, not the index page.
  appType: 'mpa',
  server: { host: '127.0.0.1' },
});
