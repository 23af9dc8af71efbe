import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CAPTCHALA_EVENTS } from '../../packages/element/src/captchalaEvents';
import {
  CAPTCHALA_OPTIONS,
  type CaptchalaOptionName,
  optionAttribute,
} from '../../packages/element/src/options';
import { escapeMarkdown, generateReference } from '../docs/generateReference';

const root = fileURLToPath(new URL('../..', import.meta.url));
let outDir: string;
const pages = new Map<string, string>();

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'docs-reference-'));
  // The manifest is analysed, not rewritten: the test leaves the working tree alone.
  await generateReference({ outDir, writeManifest: false });
  for (const file of readdirSync(outDir)) pages.set(file, readFileSync(join(outDir, file), 'utf8'));
}, 120_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/**
 * Every public entry's exports, found here on their own (not with the generator's code): package.json `exports`,
 * the source condition, `./internal` left out, and TypeScript's `getExportsOfModule`.
 */
function publicExports(): { page: string; specifier: string; names: string[] }[] {
  const entries: { page: string; specifier: string; file: string }[] = [];
  for (const id of readdirSync(join(root, 'packages'))) {
    const manifest = join(root, 'packages', id, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name: string;
      private?: boolean;
      exports?: Record<string, string | Record<string, string>>;
    };
    if (pkg.private) continue;
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const source = typeof target === 'object' ? target['@captchala-kit/source'] : undefined;
      if (!source || /^\.\/internal(\/|$)/.test(subpath)) continue;
      entries.push({
        page: id === 'element' ? 'element-exports.md' : `${id}.md`,
        specifier: subpath === '.' ? pkg.name : `${pkg.name}${subpath.slice(1)}`,
        file: join(root, 'packages', id, source),
      });
    }
  }
  const program = ts.createProgram(
    entries.map((entry) => entry.file),
    {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      customConditions: ['@captchala-kit/source'],
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: ['node'],
      jsx: ts.JsxEmit.ReactJSX,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    },
  );
  const checker = program.getTypeChecker();
  return entries.map((entry) => {
    const source = program.getSourceFile(entry.file);
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`${entry.file} is not a module`);
    return { ...entry, names: checker.getExportsOfModule(symbol).map((exported) => exported.name) };
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The anchor the generator gives an export: its name lower-cased, punctuation and `_` made `-`
 * (`IDLE_SNAPSHOT` → `#idle-snapshot`). The site's slugify (docs/.vitepress/config.ts) keeps such ids as they are.
 */
const anchorOf = (name: string) =>
  name
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();

/** Markdown with code (fenced blocks, code spans, `<code v-pre>`) and HTML comments taken out. */
function prose(markdown: string): string {
  return markdown
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '')
    .replace(/<code v-pre>[\s\S]*?<\/code>/g, '')
    .replace(/(`+)[\s\S]*?\1/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
}

test('writes the element page, one page per package and the index', () => {
  expect([...pages.keys()].sort()).toEqual(
    [
      'core.md',
      'element-exports.md',
      'element.md',
      'index.md',
      'react.md',
      'server.md',
      'testing.md',
      'vue.md',
    ].sort(),
  );
  const index = pages.get('index.md')!;
  for (const page of pages.keys()) {
    if (page !== 'index.md') expect(index).toContain(`(/reference/api/${page.replace(/\.md$/, '')})`);
  }
});

describe('every export of every public entry has its heading, anchored by its name lower-cased (as a slug)', () => {
  const entries = publicExports();
  test('the entries were found', () => {
    expect(entries.map((entry) => entry.specifier)).toEqual(
      expect.arrayContaining([
        '@captchala-kit/core',
        '@captchala-kit/element',
        '@captchala-kit/element/define',
        '@captchala-kit/react',
        '@captchala-kit/vue',
        '@captchala-kit/server',
        '@captchala-kit/testing',
        '@captchala-kit/testing/vite',
        '@captchala-kit/testing/playwright',
      ]),
    );
    expect(entries.map((entry) => entry.specifier)).not.toContain('@captchala-kit/core/internal');
  });

  test.each(entries.map((entry) => [entry.specifier, entry] as const))('%s', (_, entry) => {
    const markdown = pages.get(entry.page);
    expect(markdown, entry.page).toBeDefined();
    const onPage = entries.filter((other) => other.page === entry.page).flatMap((other) => other.names);
    const missing: string[] = [];
    for (const name of entry.names) {
      const lower = anchorOf(name);
      // Two exports differing only in case (`chromiumLaunchOptions`, `ChromiumLaunchOptions`): the type's is `-type`.
      const twin = onPage.some((other) => other !== name && anchorOf(other) === lower);
      const anchor = `${escapeRegExp(lower)}${twin ? '(?:-type)?' : ''}`;
      const title = name === 'default' ? 'default \\(\\w+\\)' : escapeRegExp(name);
      if (!new RegExp(`^### ${title} \\{#${anchor}\\}$`, 'm').test(markdown!)) missing.push(name);
    }
    expect(missing).toEqual([]);
    expect(entry.names.length).toBeGreaterThan(0);
  });
});

test('the element page has every option of CAPTCHALA_OPTIONS (by its attribute) and every event of CAPTCHALA_EVENTS', () => {
  const markdown = pages.get('element.md')!;
  const names = Object.keys(CAPTCHALA_OPTIONS) as CaptchalaOptionName[];
  expect(names.length).toBeGreaterThan(10);
  for (const name of names) {
    // Typed as the attributes' names; `false` for a property-only setting at run time.
    const attribute = optionAttribute(name) as string | false;
    if (attribute === false) {
      expect(markdown).toMatch(new RegExp(`^### ${name} \\{#${name.toLowerCase()}\\}$`, 'm'));
    } else {
      expect(markdown).toMatch(
        new RegExp(`^### ${escapeRegExp(attribute)} \\{#${escapeRegExp(attribute)}\\}$`, 'm'),
      );
      expect(markdown).toContain(`Property: \`${name}\``);
    }
  }
  const events = Object.keys(CAPTCHALA_EVENTS);
  expect(events.length).toBeGreaterThan(5);
  for (const event of events) {
    expect(markdown).toMatch(new RegExp(`^### captchala-${event} \\{#captchala-${event}\\}$`, 'm'));
  }
  // Detail types come with the events, and the manifest's parts, slots and CSS custom properties are there.
  expect(markdown).toContain('`detail`: `CaptchalaSuccessDetail`');
  for (const section of ['slots', 'css-parts', 'css-custom-properties', 'methods', 'properties']) {
    expect(markdown).toContain(`{#${section}}`);
  }
});

test('no page has what would break VitePress: `{{`, `}}` or a raw tag outside code', () => {
  for (const [page, markdown] of pages) {
    const text = prose(markdown);
    expect(text.match(/\{\{|\}\}/g) ?? [], page).toEqual([]);
    expect(text.match(/<\/?[A-Za-z][^>\n]*>/g) ?? [], page).toEqual([]);
  }
});

test('every anchor is in the form VitePress links to, and every link between the pages reaches one', () => {
  const ids = new Map<string, Set<string>>();
  for (const [page, markdown] of pages) {
    const found = [...markdown.matchAll(/^#{2,6} .* \{#([^}]+)\}$/gm)].map((match) => match[1]!);
    expect(
      found.filter((id) => id !== anchorOf(id)),
      page,
    ).toEqual([]);
    ids.set(page, new Set(found));
  }
  const broken: string[] = [];
  let links = 0;
  for (const [page, markdown] of pages) {
    for (const [, path, hash] of prose(markdown).matchAll(
      /\]\((\/reference\/api\/[\w-]*)?(?:#([^)]+))?\)/g,
    )) {
      if (path === undefined && hash === undefined) continue;
      links++;
      const target = path === undefined ? page : `${path.replace('/reference/api/', '') || 'index'}.md`;
      if (!pages.has(target)) broken.push(`${page}: ${path} is no page`);
      // VitePress rewrites a link's fragment to its slug before the browser looks for it.
      else if (hash !== undefined && !ids.get(target)!.has(anchorOf(hash)))
        broken.push(`${page}: ${path ?? ''}#${hash}`);
    }
  }
  expect(broken).toEqual([]);
  expect(links).toBeGreaterThan(100);
});

test('escapeMarkdown: tags become code, interpolations entities, code spans with braces v-pre', () => {
  expect(escapeMarkdown('Put <captchala-widget app-key="k"> in a form; a < b.')).toBe(
    'Put `<captchala-widget app-key="k">` in a form; a &lt; b.',
  );
  expect(escapeMarkdown('Answers {{a}} as `{{b}}` and `c`.')).toBe(
    'Answers &#123;&#123;a&#125;&#125; as <code v-pre>{{b}}</code> and `c`.',
  );
  expect(escapeMarkdown('See <https://captcha.la>.\n```html\n<p>{{ kept }}</p>\n```')).toBe(
    'See <https://captcha.la>.\n```html\n<p>{{ kept }}</p>\n```',
  );
});
