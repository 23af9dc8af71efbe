import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type OutputChunk, rolldown } from 'rolldown';
import type { Benchmark } from './harness/Benchmark';
import { KB, readBudgets } from './sizeBudgets';

/** What an app ships of one library: the code of its entry, and what it leaves to the app (`external`). */
export interface SizeEntry {
  name: string;
  /** The package measured, for its version. */
  package: string;
  ours: boolean;
  /** The app's module: what it imports (side-effect imports register custom elements). */
  code: string;
  /** Packages the app already has (React, Vue, Lit, the element under a wrapper): not counted. */
  external?: readonly string[];
  platform?: 'browser' | 'node';
  /** The app's build: `production` (default), or `development` (what the production build strips, for comparison). */
  mode?: 'production' | 'development';
}

const LIT = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'];
const REACT = ['react', 'react-dom'];
const KIT = ['@captchala-kit/element', '@captchala-kit/core'];

export const SIZE_ENTRIES: readonly SizeEntry[] = [
  {
    name: 'element + core + Lit',
    package: '@captchala-kit/element',
    ours: true,
    code: `import '@captchala-kit/element/define';`,
  },
  {
    name: 'element + core + Lit, development build',
    package: '@captchala-kit/element',
    ours: true,
    code: `import '@captchala-kit/element/define';`,
    mode: 'development',
  },
  {
    name: 'element + core, without Lit',
    package: '@captchala-kit/element',
    ours: true,
    code: `import '@captchala-kit/element/define';`,
    external: LIT,
  },
  { name: 'core', package: '@captchala-kit/core', ours: true, code: `export * from '@captchala-kit/core';` },
  {
    name: 'React wrapper',
    package: '@captchala-kit/react',
    ours: true,
    // Every runtime value the wrapper itself defines (its re-exports of the element's are the element's bytes).
    code: `export { Captchala, useCaptchala, withCaptchalaToken } from '@captchala-kit/react';`,
    external: [...REACT, ...KIT, ...LIT],
  },
  {
    name: 'Vue wrapper',
    package: '@captchala-kit/vue',
    ours: true,
    code: `export { Captchala, CaptchalaPlugin, useCaptchala } from '@captchala-kit/vue';`,
    external: ['vue', ...KIT, ...LIT],
  },
  {
    name: 'server',
    package: '@captchala-kit/server',
    ours: true,
    code: `export * from '@captchala-kit/server';`,
    platform: 'node',
  },
  {
    name: '@marsidev/react-turnstile',
    package: '@marsidev/react-turnstile',
    ours: false,
    code: `export * from '@marsidev/react-turnstile';`,
    external: REACT,
  },
  {
    name: '@hcaptcha/react-hcaptcha',
    package: '@hcaptcha/react-hcaptcha',
    ours: false,
    code: `export * from '@hcaptcha/react-hcaptcha'; export { default } from '@hcaptcha/react-hcaptcha';`,
    external: REACT,
  },
  {
    name: '@hcaptcha/loader',
    package: '@hcaptcha/loader',
    ours: false,
    code: `export * from '@hcaptcha/loader';`,
  },
  {
    name: 'react-google-recaptcha',
    package: 'react-google-recaptcha',
    ours: false,
    code: `export { default } from 'react-google-recaptcha';`,
    external: REACT,
  },
  { name: '@cap.js/widget', package: '@cap.js/widget', ours: false, code: `import '@cap.js/widget';` },
  { name: 'altcha', package: 'altcha', ours: false, code: `import 'altcha';` },
];

export interface Compressed {
  min: number;
  gzip: number;
  brotli: number;
}

export interface SizeResult extends Compressed {
  name: string;
  package: string;
  version: string;
  ours: boolean;
  /** Chunks loaded with the entry (statically reachable from it). */
  chunks: number;
  /** Chunks only loaded on demand (`import()`): the element's status texts for languages other than English. */
  lazy: { chunks: number; largest: Compressed; total: Compressed };
}

const ENTRY = '\0bench-entry';

function compress(code: string): Compressed {
  const bytes = Buffer.from(code);
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const sum = (items: Compressed[]): Compressed => ({
  min: items.reduce((total, item) => total + item.min, 0),
  gzip: items.reduce((total, item) => total + item.gzip, 0),
  brotli: items.reduce((total, item) => total + item.brotli, 0),
});

/** The installed version (the bench's own `node_modules`: some packages do not export `package.json`). */
function versionOf(name: string): string {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../node_modules', name, 'package.json'), 'utf8'))
    .version;
}

/**
 * Bundles one entry as an app would for production: rolldown, conditions `import, browser, production, default`,
 * `NODE_ENV=production`, minified, code splitting on. Each chunk is compressed on its own (as it is served).
 * `mode: 'development'` swaps in the `development` condition and `NODE_ENV`, all else the same.
 */
export async function measureEntry(entry: SizeEntry): Promise<SizeResult> {
  const external = entry.external ?? [];
  const mode = entry.mode ?? 'production';
  const bundle = await rolldown({
    input: { entry: ENTRY },
    platform: entry.platform ?? 'browser',
    external: (id) =>
      external.some((name) => id === name || id.startsWith(`${name}/`)) ||
      (entry.platform === 'node' && (id.startsWith('node:') || builtinModules.includes(id))),
    resolve: { conditionNames: ['import', 'browser', mode, 'default'] },
    transform: { define: { 'process.env.NODE_ENV': JSON.stringify(mode) } },
    plugins: [
      {
        name: 'bench-entry',
        resolveId: (id) => (id === ENTRY ? ENTRY : undefined),
        load: (id) => (id === ENTRY ? entry.code : undefined),
      },
    ],
    onLog(level, log) {
      if (level === 'warn' && log.code === 'UNRESOLVED_IMPORT')
        throw new Error(`${entry.name}: ${log.message}`);
    },
    cwd: import.meta.dirname,
  });
  const { output } = await bundle.generate({ format: 'esm', minify: true });
  await bundle.close();
  const chunks = new Map(
    output
      .filter((item): item is OutputChunk => item.type === 'chunk')
      .map((chunk) => [chunk.fileName, chunk]),
  );
  const main = [...chunks.values()].find((chunk) => chunk.isEntry);
  if (!main) throw new Error(`${entry.name}: no entry chunk`);
  const eager = new Set<string>();
  const visit = (chunk: OutputChunk) => {
    if (eager.has(chunk.fileName)) return;
    eager.add(chunk.fileName);
    for (const file of chunk.imports) {
      const next = chunks.get(file);
      if (next) visit(next);
    }
  };
  visit(main);
  const lazy = [...chunks.values()]
    .filter((chunk) => !eager.has(chunk.fileName))
    .map((chunk) => compress(chunk.code));
  const largest = lazy.reduce<Compressed>((max, item) => (item.gzip > max.gzip ? item : max), {
    min: 0,
    gzip: 0,
    brotli: 0,
  });
  return {
    name: entry.name,
    package: entry.package,
    version: versionOf(entry.package),
    ours: entry.ours,
    chunks: eager.size,
    ...sum([...eager].map((file) => compress((chunks.get(file) as OutputChunk).code))),
    lazy: { chunks: lazy.length, largest, total: sum(lazy) },
  };
}

const kB = (bytes: number) => (bytes / KB).toFixed(2);

export const bundleSize: Benchmark<SizeResult[]> = {
  name: 'bundle-size',
  title: 'Bundle size',
  async run() {
    const results: SizeResult[] = [];
    for (const entry of SIZE_ENTRIES) results.push(await measureEntry(entry));
    return results;
  },
  report(results) {
    const budgets = readBudgets();
    const rows = results.map((result) => {
      const budget = budgets[result.name];
      const lazy = result.lazy.chunks
        ? `${result.lazy.chunks} × ≤ ${kB(result.lazy.largest.gzip)}, ${kB(result.lazy.total.gzip)} in all`
        : '—';
      const limit = budget
        ? `${budget.gzip}${budget.target !== undefined ? ` (target ${budget.target})` : ''}`
        : '—';
      return `| ${result.ours ? `**${result.name}**` : result.name} | ${result.version} | ${kB(result.min)} | **${kB(result.gzip)}** | ${kB(result.brotli)} | ${lazy} | ${limit} |`;
    });
    const summary = [
      'What an app ships, every entry bundled the same way in this run: rolldown, production conditions',
      '(`import, browser, production, default`), minified, code splitting on; only chunks loaded with the entry count,',
      'each compressed on its own. kB = 1,000 bytes. The wrappers are every value they define themselves (their',
      're-exports of the element are the element), without React/Vue, Lit and the element; the React peers exclude',
      'React. "Lit" is what the element imports of it: `@lit/reactive-element` (it renders without lit-html).',
      "Every peer also loads its provider's script at run time, as the kit loads CaptchaLa's",
      'loader: neither is counted. Budgets: `bench/budgets.json`, enforced by `pnpm size:check`.',
      'The development build row is the element as an app bundles it in development (the `development` condition,',
      "`NODE_ENV=development`), minified the same way: the difference is what production builds strip (the kit's long",
      "error messages, Lit's dev-mode checks). Lazy chunks: the languages other than English and the server-token",
      'fetcher, each loaded only by a page that needs it.',
      '',
      '| entry | version | min kB | gzip kB | brotli kB | lazy chunks (gzip kB) | budget (gzip kB) |',
      '| --- | --- | ---: | ---: | ---: | --- | --- |',
      ...rows,
    ].join('\n');
    return { summary };
  },
};
