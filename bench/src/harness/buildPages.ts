import { join } from 'node:path';
import { build } from 'vite';

const benchDir = new URL('../..', import.meta.url).pathname;
const PAGES = ['element', 'react', 'vue'];

/** One chunk per package, so a CPU profile attributes time by file: the kit's own code, Lit, the frameworks. */
const CHUNKS = [
  { name: 'kit-core', test: /\/packages\/core\// },
  { name: 'kit-element', test: /\/packages\/element\// },
  { name: 'kit-react', test: /\/packages\/react\// },
  { name: 'kit-vue', test: /\/packages\/vue\// },
  { name: 'vendor-lit', test: /\/node_modules\/\.pnpm\/(lit|lit-html|lit-element|@lit\+reactive-element)@/ },
  { name: 'vendor-react', test: /\/node_modules\/\.pnpm\/(react|react-dom|scheduler)@/ },
  { name: 'vendor-vue', test: /\/node_modules\/\.pnpm\/(vue|@vue\+[a-z-]+)@/ },
];

export type PagesMode = 'production' | 'development';

/**
 * Builds the bench pages (`pages/*.html`) with Vite from the packages' built `dist/` (never their sources) into
 * `dist/<mode>/`. Production is what apps ship (not minified, so profiles name functions); development is for
 * React's StrictMode double mount, which only development builds of React do.
 */
export async function buildPages(mode: PagesMode): Promise<string> {
  const outDir = join(benchDir, 'dist', mode);
  await build({
    configFile: false,
    root: join(benchDir, 'pages'),
    mode,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    resolve: { conditions: ['module', 'browser', mode] },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      rolldownOptions: {
        input: Object.fromEntries(PAGES.map((page) => [page, join(benchDir, 'pages', `${page}.html`)])),
        output: { codeSplitting: { includeDependenciesRecursively: false, groups: CHUNKS } },
        // The React wrapper's `'use client'` means nothing in a browser bundle.
        onLog(level, log, handler) {
          if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
        },
      },
    },
  });
  return outDir;
}
