import { defineConfig } from 'vitepress';

export default defineConfig({
  title: 'captchala-kit',
  description:
    'CaptchaLa for the web: a widget that always submits a fresh token, and a server helper that explains every refusal.',
  lang: 'en-GB',
  outDir: './dist',
  cleanUrls: false,
  srcExclude: ['dist/**', 'captchala-contract.md', 'README.md'],
  themeConfig: {
    search: { provider: 'local' },
  },
  vue: { template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('captchala-') } } },
});
