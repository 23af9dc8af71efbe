import { defineConfig } from 'vitepress';
import { freePort } from '../../scripts/freePort';
import { checkSite } from './checkSite';
import { buildExamples, EXAMPLES_BASE, examplesProxy, playgroundExamples } from './playgroundExamples';

const examplesPort = await freePort();

/**
 * VitePress's slugify, keeping `_`: an error code's anchor is the code itself (`#loader_blocked_csp`), and VitePress
 * passes the `#fragment` of every internal link through this too.
 */
const slugify = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036F]|\p{Cc}/gu, '')
    .replace(/[\s~`!@#$%^&*()\-+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toLowerCase();

export default defineConfig({
  title: 'captchala-kit',
  description:
    'CaptchaLa for the web: a widget that always submits a fresh token, and a server helper that explains every refusal.',
  lang: 'en-GB',
  outDir: './dist',
  cleanUrls: false,
  srcExclude: ['dist/**', 'README.md'],
  lastUpdated: false,
  head: [['link', { rel: 'icon', href: 'data:,' }]],
  themeConfig: {
    search: { provider: 'local' },
    nav: [
      { text: 'Getting started', link: '/getting-started/html' },
      { text: 'Guides', link: '/guide/submission' },
      { text: 'Reference', link: '/reference/errors' },
      { text: 'Examples', link: `${EXAMPLES_BASE}index.html`, target: '_self' },
    ],
    sidebar: [
      {
        text: 'Getting started',
        items: [
          { text: 'Plain HTML', link: '/getting-started/html' },
          { text: 'React (Vite)', link: '/getting-started/react' },
          { text: 'Next.js App Router', link: '/getting-started/nextjs' },
          { text: 'Vue (Vite)', link: '/getting-started/vue' },
          { text: 'Nuxt', link: '/getting-started/nuxt' },
          { text: 'The server', link: '/getting-started/server' },
        ],
      },
      {
        text: 'Guides',
        items: [
          { text: 'How a submission works', link: '/guide/submission' },
          { text: 'Server tokens', link: '/guide/server-tokens' },
          { text: 'CSP, nonces and Trusted Types', link: '/guide/csp' },
          { text: 'SSR and hydration', link: '/guide/ssr' },
          { text: 'Accessibility', link: '/guide/accessibility' },
          { text: 'Theming', link: '/guide/theming' },
          { text: 'Going to production', link: '/guide/production' },
          { text: '“Captcha is invalid”', link: '/guide/troubleshooting' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'Errors and refusal reasons', link: '/reference/errors' },
          {
            text: 'API',
            link: '/reference/api/',
            collapsed: true,
            items: [
              { text: '&lt;captchala-widget&gt;', link: '/reference/api/element' },
              { text: '@captchala-kit/core', link: '/reference/api/core' },
              { text: '@captchala-kit/element', link: '/reference/api/element-exports' },
              { text: '@captchala-kit/react', link: '/reference/api/react' },
              { text: '@captchala-kit/vue', link: '/reference/api/vue' },
              { text: '@captchala-kit/server', link: '/reference/api/server' },
              { text: '@captchala-kit/testing', link: '/reference/api/testing' },
            ],
          },
          { text: 'What CaptchaLa does', link: '/captchala-contract' },
        ],
      },
    ],
    outline: { level: [2, 3] },
  },
  markdown: { anchor: { slugify } },
  vue: { template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('captchala-') } } },
  vite: {
    plugins: [playgroundExamples({ port: examplesPort })],
    server: { host: '127.0.0.1', proxy: examplesProxy(`http://127.0.0.1:${examplesPort}`) },
  },
  async buildEnd(site) {
    await buildExamples({ outDir: site.outDir });
    await checkSite({ outDir: site.outDir });
  },
});
