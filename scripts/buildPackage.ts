// Builds the workspace package in the working directory (its `build` script runs this) from its package.json:
//   - every `exports` entry whose `@captchala-kit/source` condition names `./src/<x>.ts` becomes `./dist/<x>.js`
//     (ESM, code-split so entries share one copy of each module, source maps with their sources embedded);
//   - an entry with a `development` condition gets a second build in `./dist/development/`, where `DEV` (from
//     `src/DEV.ts`) stays true; in the default (production) build it is false, and what only developers need —
//     long error messages — is dropped;
//   - Lit `css` templates are minified (`scripts/minifyCss.ts`), as Lit's own build does;
//   - `.d.ts` files come from `tsc -p tsconfig.build.json`;
//   - dependencies, peer dependencies and Node built-ins stay external; an entry that starts with a directive
//     (`'use client'`) keeps it at the top of its output (rolldown preserves it; a test checks).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { type RolldownPlugin, rolldown } from 'rolldown';
import { minifyCssTemplates } from './minifyCss';

const SOURCE = '@captchala-kit/source';
const cwd = process.cwd();
const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  bin?: Record<string, string>;
};

const entries: Record<string, string> = {};
let development = false;
for (const target of Object.values(pkg.exports)) {
  if (typeof target !== 'object' || !target[SOURCE]?.endsWith('.ts')) continue;
  const name = target[SOURCE].replace(/^\.\/src\//, '').replace(/\.tsx?$/, '');
  entries[name] = resolve(cwd, target[SOURCE]);
  if (target['development']) development = true;
}

// Executables (`bin`) are entries too: `./dist/cli.js` from `./src/cli.ts`.
for (const target of Object.values(pkg.bin ?? {})) {
  const name = target.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
  entries[name] = resolve(cwd, `src/${name}.ts`);
}

const externals = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const isExternal = (id: string) =>
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  externals.some((name) => id === name || id.startsWith(`${name}/`));

/** `DEV` is false in production builds: the branches behind it, and what only they use, are dropped. */
function devFlag(value: boolean): RolldownPlugin {
  const id = '\0captchala-dev';
  return {
    name: 'captchala-dev-flag',
    resolveId: (source) => (/(^|\/)DEV(\.ts)?$/.test(source) ? id : undefined),
    load: (loading) => (loading === id ? `export const DEV = ${value};` : undefined),
  };
}

const cssTemplates: RolldownPlugin = {
  name: 'captchala-css-templates',
  transform: (code, id) =>
    /\.tsx?$/.test(id) && code.includes('css`') ? minifyCssTemplates(code) : undefined,
};

async function build(dev: boolean, outDir: string): Promise<void> {
  const bundle = await rolldown({
    input: entries,
    external: isExternal,
    platform: pkg.bin || externals.some((name) => name === 'vite') ? 'node' : 'neutral',
    plugins: [devFlag(dev), cssTemplates],
    resolve: { conditionNames: [SOURCE, 'import', 'default'] },
    transform: { jsx: 'react-jsx' },
    // Entries keep their directive (checked below); rolldown warns about directives in general.
    onLog: (level, log, handler) => log.code !== 'MODULE_LEVEL_DIRECTIVE' && handler(level, log),
  });
  await bundle.write({
    dir: outDir,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
    minify: 'dce-only',
  });
  await bundle.close();
}

/**
 * A React package's entries are client components (hooks, the element): each must start with `'use client'`
 * (React Server Components) and keep it in every build. Any other entry that has one must keep it too.
 */
function checkDirectives(outDir: string): void {
  const react = 'react' in { ...pkg.dependencies, ...pkg.peerDependencies };
  for (const [name, file] of Object.entries(entries)) {
    if (!/^\s*(['"])use client\1/.test(readFileSync(file, 'utf8'))) {
      if (react) throw new Error(`${pkg.name}: ${file} must start with 'use client' (a React client entry)`);
      continue;
    }
    if (!/^\s*(['"])use client\1/.test(readFileSync(join(outDir, `${name}.js`), 'utf8'))) {
      throw new Error(`${pkg.name}: ${outDir}/${name}.js lost its 'use client' directive`);
    }
  }
}

rmSync(join(cwd, 'dist'), { recursive: true, force: true });
await build(false, join(cwd, 'dist'));
checkDirectives(join(cwd, 'dist'));
if (development) {
  await build(true, join(cwd, 'dist/development'));
  checkDirectives(join(cwd, 'dist/development'));
}
if (existsSync(join(cwd, 'tsconfig.build.json'))) {
  execFileSync('tsc', ['-p', 'tsconfig.build.json'], { cwd, stdio: 'inherit' });
  addDeclarationExtensions(join(cwd, 'dist'));
}

/**
 * Sources import `./module` (bundler resolution); Node's ESM resolution (`node16`/`nodenext`) needs `./module.js`
 * in the declarations too: add it wherever `./module.d.ts` exists.
 */
function addDeclarationExtensions(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8').replace(
      /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)(['"])/g,
      (match, before: string, specifier: string, after: string) => {
        if (/\.(js|json)$/.test(specifier)) return match;
        const base = join(entry.parentPath, specifier);
        if (existsSync(`${base}.d.ts`)) return `${before}${specifier}.js${after}`;
        if (existsSync(join(base, 'index.d.ts'))) return `${before}${specifier}/index.js${after}`;
        return match;
      },
    );
    writeFileSync(file, text);
  }
}
console.log(
  `${pkg.name}: built ${Object.keys(entries).join(', ')}${development ? ' (production + development)' : ''}`,
);
