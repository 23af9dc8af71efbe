// API reports: what every public entry point of every package declares, read from the built `.d.ts` (what users
// get), one Markdown file per package in `api/`. `pnpm api:check` (after `pnpm build`) fails with a diff when the
// surface differs from the committed report; `pnpm api:update` rewrites the reports — commit them with the change
// that meant them.
//
// Like API Extractor's reports, but over every entry of a package at once, and including what API Extractor leaves
// out (rushstack#1709, #2264): `declare global` and `declare module` augmentations (the element's
// `HTMLElementTagNameMap` and event maps, React's JSX, Vue's component properties, Vitest's context), which are
// public surface too. Doc comments are left out: rewording one is no API change.
//
// It also fails when
//   - a public declaration names a type of this workspace that no public entry exports (API Extractor's
//     `ae-forgotten-export`, an error here): users could not name what they are given;
//   - a README's `## API` table does not list exactly what its package's main entry exports.
//
// Entries named `./internal` (or `./internal/…`) are not public: no report, not semver-covered (see
// packages/core/README.md). A public declaration may not name what only they export.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const reportDir = join(root, 'api');
const update = process.argv.includes('--update');

interface Entry {
  /** `@captchala-kit/core`, `@captchala-kit/testing/vite`. */
  specifier: string;
  file: string;
}
interface Package {
  name: string;
  dir: string;
  entries: Entry[];
  /** Entries that are not public (`./internal`). */
  internal: Entry[];
}

const isInternal = (subpath: string) => /^\.\/internal(\/|$)/.test(subpath);

function workspacePackages(): Package[] {
  const packages: Package[] = [];
  for (const dirName of readdirSync(join(root, 'packages')).sort()) {
    const dir = join(root, 'packages', dirName);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      private?: boolean;
      exports?: Record<string, string | Record<string, string>>;
      publishConfig?: { exports?: Record<string, string | Record<string, string>> };
    };
    if (pkg.private) continue;
    const entries: Entry[] = [];
    const internal: Entry[] = [];
    for (const [subpath, target] of Object.entries(pkg.publishConfig?.exports ?? pkg.exports ?? {})) {
      const types = typeof target === 'object' ? target['types'] : undefined;
      if (!types) continue;
      const file = join(dir, types);
      if (!existsSync(file))
        throw new Error(`${pkg.name}: ${types} does not exist; run \`pnpm build\` first`);
      const entry = { specifier: subpath === '.' ? pkg.name : `${pkg.name}${subpath.slice(1)}`, file };
      (isInternal(subpath) ? internal : entries).push(entry);
    }
    packages.push({ name: pkg.name, dir, entries, internal });
  }
  return packages;
}

const packages = workspacePackages();
const allEntries = packages.flatMap((pkg) => [...pkg.entries, ...pkg.internal]);
const program = ts.createProgram(
  allEntries.map((entry) => entry.file),
  {
    // As users resolve the packages: Node's ESM resolution, `types` conditions, no source condition.
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
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
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

const resolve = (symbol: ts.Symbol) =>
  symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;

function moduleSymbol(entry: Entry): ts.Symbol {
  const source = program.getSourceFile(entry.file);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error(`${entry.specifier}: ${entry.file} is not a module`);
  return symbol;
}

function exportsOf(entry: Entry): ts.Symbol[] {
  const source = program.getSourceFile(entry.file);
  if (source && !checker.getSymbolAtLocation(source)) return []; // only ambient declarations
  return checker.getExportsOfModule(moduleSymbol(entry)).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The package a declaration file belongs to, when it is one of ours. */
function packageOf(fileName: string): Package | undefined {
  return packages.find(
    (pkg) => fileName.startsWith(`${pkg.dir}${sep}`) && !fileName.includes('/node_modules/'),
  );
}

/** Every symbol a public entry exports: what a public declaration may name. */
const publicSymbols = new Map<ts.Symbol, string>();
for (const pkg of packages) {
  for (const entry of pkg.entries) {
    for (const symbol of exportsOf(entry)) {
      const target = resolve(symbol);
      if (!publicSymbols.has(target)) publicSymbols.set(target, entry.specifier);
    }
  }
}

const print = (node: ts.Node) => printer.printNode(ts.EmitHint.Unspecified, node, node.getSourceFile());

/** The statement to print for a declaration (a `const` prints with its `declare const` statement). */
function statementOf(declaration: ts.Declaration): ts.Node {
  if (ts.isVariableDeclaration(declaration) && ts.isVariableStatement(declaration.parent.parent)) {
    return declaration.parent.parent;
  }
  return declaration;
}

/**
 * Our own declarations a node's types name that no public entry exports (API Extractor's `ae-forgotten-export`):
 * users are handed something they cannot name.
 */
function forgotten(node: ts.Node, found: Set<ts.Symbol>): void {
  const visit = (child: ts.Node): void => {
    let symbol: ts.Symbol | undefined;
    if (ts.isTypeReferenceNode(child) || ts.isExpressionWithTypeArguments(child)) {
      let name: ts.Node = ts.isTypeReferenceNode(child) ? child.typeName : child.expression;
      while (ts.isQualifiedName(name)) name = name.left;
      while (ts.isPropertyAccessExpression(name)) name = name.expression;
      symbol = checker.getSymbolAtLocation(name);
    } else if (ts.isTypeQueryNode(child)) {
      let name: ts.EntityName = child.exprName;
      while (ts.isQualifiedName(name)) name = name.left;
      symbol = checker.getSymbolAtLocation(name);
    } else if (ts.isImportTypeNode(child)) {
      const type = checker.getTypeFromTypeNode(child);
      symbol = type.aliasSymbol ?? type.getSymbol();
    }
    if (symbol) {
      const target = resolve(symbol);
      const declarations = target.declarations ?? [];
      // Ours alone: a global interface we augment (`GlobalEventHandlersEventMap`) is the platform's.
      const ours = declarations.every((declaration) => packageOf(declaration.getSourceFile().fileName))
        ? declarations[0]
        : undefined;
      if (
        ours &&
        !ts.isSourceFile(ours) &&
        !ts.isTypeParameterDeclaration(ours) &&
        !(target.flags & ts.SymbolFlags.TypeParameter) &&
        !publicSymbols.has(target)
      ) {
        found.add(target);
      }
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
}

/** Our declaration files an entry reaches through imports and re-exports, the entry first. */
function reachableFiles(entry: Entry): ts.SourceFile[] {
  const seen = new Set<ts.SourceFile>();
  const walk = (file: ts.SourceFile): void => {
    if (seen.has(file) || !packageOf(file.fileName)) return;
    seen.add(file);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) && node.parent && isModuleSpecifier(node)) {
        const target = checker.getSymbolAtLocation(node)?.valueDeclaration;
        if (target && ts.isSourceFile(target)) walk(target);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  };
  const isModuleSpecifier = (node: ts.StringLiteral) =>
    ((ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent)) &&
      node.parent.moduleSpecifier === node) ||
    (ts.isLiteralTypeNode(node.parent) && ts.isImportTypeNode(node.parent.parent));
  const start = program.getSourceFile(entry.file);
  if (start) walk(start);
  return [...seen];
}

/** `declare global {…}` and `declare module '…' {…}` in the files an entry reaches. */
function augmentationsOf(entry: Entry): ts.ModuleDeclaration[] {
  return reachableFiles(entry).flatMap((file) =>
    file.statements.filter(
      (statement): statement is ts.ModuleDeclaration =>
        ts.isModuleDeclaration(statement) &&
        (Boolean(statement.flags & ts.NodeFlags.GlobalAugmentation) || ts.isStringLiteral(statement.name)),
    ),
  );
}

interface EntryReport {
  text: string;
  names: string[];
  /** Forgotten exports: each fails the check (export the type, or stop naming it). */
  forgotten: string[];
}

function reportEntry(entry: Entry): EntryReport {
  const lines: string[] = [];
  const forgottenExports = new Set<string>();
  const names: string[] = [];
  const unexported = new Set<ts.Symbol>();
  const source = program.getSourceFile(entry.file);
  if (!source) throw new Error(`${entry.file} is not in the program`);
  // An entry that is only ambient declarations (testing's `./client`) is reported as written.
  if (!checker.getSymbolAtLocation(source)) {
    for (const statement of source.statements) lines.push(print(statement));
  } else {
    for (const symbol of exportsOf(entry)) {
      names.push(symbol.name);
      const target = resolve(symbol);
      const declarations = target.declarations ?? [];
      if (declarations.length === 0) {
        lines.push(`// ${symbol.name}: (no declaration)`);
        continue;
      }
      const renamed = target.name !== symbol.name && target.name !== 'default';
      const outside = declarations.every((declaration) => !packageOf(declaration.getSourceFile().fileName));
      if (outside) {
        // Re-exported from a dependency (React, Vue…): where from is the surface.
        const from = declarations[0]?.getSourceFile().fileName ?? '';
        const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(from);
        lines.push(
          `export { ${target.name}${renamed ? ` as ${symbol.name}` : ''} } from '${match?.[1] ?? from}';`,
        );
        continue;
      }
      const home = publicSymbols.get(target);
      if (home && home !== entry.specifier) {
        lines.push(`export { ${target.name}${renamed ? ` as ${symbol.name}` : ''} } from '${home}';`);
        continue;
      }
      if (renamed) lines.push(`// exported as ${symbol.name}`);
      for (const statement of new Set(declarations.map(statementOf))) {
        lines.push(print(statement));
        forgotten(statement, unexported);
      }
    }
    const augmentations = new Set<string>();
    for (const augmentation of augmentationsOf(entry)) {
      augmentations.add(print(augmentation));
      forgotten(augmentation, unexported);
    }
    lines.push(...[...augmentations].sort());
  }
  // What the above names but nobody can import, and what that names in turn: in the report with the warning API
  // Extractor would give, and a failure: users could not name what they are given. Export it, or stop naming it.
  const printed = new Set<ts.Symbol>();
  for (const symbol of unexported) {
    if (printed.has(symbol)) continue;
    printed.add(symbol);
    const declarations = (symbol.declarations ?? []).filter((declaration) =>
      packageOf(declaration.getSourceFile().fileName),
    );
    const where = relative(root, declarations[0]?.getSourceFile().fileName ?? '');
    lines.push(`// Warning: (ae-forgotten-export) ${symbol.name} (${where}) is named above but not exported`);
    for (const statement of new Set(declarations.map(statementOf))) {
      lines.push(print(statement));
      forgotten(statement, unexported); // a Set: iteration visits what is added
    }
    forgottenExports.add(
      `${entry.specifier}: ${symbol.name} (${where}) is named by a public declaration, not exported`,
    );
  }
  return {
    text: `## \`${entry.specifier}\`\n\n\`\`\`ts\n${lines.join('\n\n')}\n\`\`\`\n`,
    names,
    forgotten: [...forgottenExports],
  };
}

/** Packages whose README `## API` table lists exactly what the main entry exports (one row per export or group). */
const README_TABLES = [
  '@captchala-kit/core',
  '@captchala-kit/element',
  '@captchala-kit/react',
  '@captchala-kit/vue',
];

/**
 * The names a README documents in its API table: the first cell of each row under the `## API` heading, every
 * `` `name` `` or `` `name(…)` `` in it (a row may group a few related exports).
 */
function documentedNames(readme: string): string[] {
  const section = readFileSync(readme, 'utf8')
    .split(/^## API\s*$/m)[1]
    ?.split(/^## /m)[0];
  if (section === undefined) throw new Error(`${readme} has no "## API" section`);
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const first = /^\|([^|]*)\|/.exec(line)?.[1];
    if (!first) continue;
    for (const match of first.matchAll(/`(?:new )?([A-Za-z_$][\w$]*)/g)) names.add(match[1] as string);
  }
  return [...names].sort();
}

/** A line diff (longest common subsequence): `-` committed, `+` built. */
function diff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push(`+ ${b[j]}`);
      j++;
    } else {
      out.push(`- ${a[i]}`);
      i++;
    }
  }
  // Only changed lines, with two lines of context.
  const keep = new Set<number>();
  out.forEach((line, index) => {
    if (line.startsWith('  ')) return;
    for (let k = index - 2; k <= index + 2; k++) keep.add(k);
  });
  return out
    .map((line, index) => (keep.has(index) ? line : keep.has(index - 1) ? '  …' : null))
    .filter((line) => line !== null)
    .join('\n');
}

const failures: string[] = [];
mkdirSync(reportDir, { recursive: true });
for (const pkg of packages) {
  const entries = pkg.entries.map((entry) => ({ entry, report: reportEntry(entry) }));
  const file = join(reportDir, `${pkg.name.replace(/^@[^/]+\//, '')}.api.md`);
  const text = [
    `# API report: \`${pkg.name}\``,
    '',
    '<!-- Generated by `pnpm api:update` from the built declarations (doc comments left out). Do not edit: ' +
      'a change here is a change of the public API; review it as one. -->',
    '',
    ...entries.map(({ report }) => report.text),
  ].join('\n');
  for (const { report } of entries) failures.push(...report.forgotten);

  const readme = join(pkg.dir, 'README.md');
  const main = entries.find(({ entry }) => entry.specifier === pkg.name);
  const documented = README_TABLES.includes(pkg.name) ? documentedNames(readme) : undefined;
  if (main && documented) {
    const exported = [...main.report.names].sort();
    const missing = exported.filter((name) => !documented.includes(name));
    const extra = documented.filter((name) => !exported.includes(name));
    if (missing.length) failures.push(`${relative(root, readme)}: API table lacks ${missing.join(', ')}`);
    if (extra.length)
      failures.push(`${relative(root, readme)}: API table lists ${extra.join(', ')}, not exported`);
  }

  const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (committed === text) continue;
  if (update) {
    writeFileSync(file, text);
    console.log(`api: wrote ${relative(root, file)}`);
  } else {
    failures.push(
      `${relative(root, file)} differs from the built API (- committed, + built); if the change is meant, ` +
        `run \`pnpm api:update\` and commit the report:\n${diff(committed, text)}`,
    );
  }
}
// Reports of packages that are gone.
for (const name of readdirSync(reportDir)) {
  if (!packages.some((pkg) => `${pkg.name.replace(/^@[^/]+\//, '')}.api.md` === name)) {
    failures.push(`api/${name} belongs to no package: delete it`);
  }
}

if (failures.length) {
  console.error(`\n${failures.join('\n\n')}\n`);
  process.exit(1);
}
console.log(`api: ${packages.reduce((n, pkg) => n + pkg.entries.length, 0)} entry points match api/*.api.md`);
