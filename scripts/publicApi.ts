// Repo tooling for tests: what a package entry exports, and what its README's API table documents.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** Every name an entry module exports, values and types alike (through re-exports). */
export function exportedNames(entry: string): string[] {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    customConditions: ['@captchala-kit/source'],
    jsx: ts.JsxEmit.ReactJSX,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error(`${entry} is not a module`);
  return checker
    .getExportsOfModule(symbol)
    .map((exported) => exported.getName())
    .sort();
}

/**
 * The names a README documents in its API table: the first cell of each row under the `## API` heading, every
 * `` `name` `` or `` `name(…)` `` in it (a row may group a few related exports).
 */
export function documentedNames(readme: string): string[] {
  const text = readFileSync(readme, 'utf8');
  const section = text.split(/^## API\s*$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error(`${readme} has no "## API" section`);
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const first = /^\|([^|]*)\|/.exec(line)?.[1];
    if (!first) continue;
    for (const match of first.matchAll(/`(?:new )?([A-Za-z_$][\w$]*)/g)) names.add(match[1] as string);
  }
  return [...names].sort();
}
