// Every code the kit can emit has one entry in docs/reference/errors.md, and every entry there is a code the kit can
// still emit. The codes come from the sources themselves: the unions of core's error codes (read with the TypeScript
// compiler), the server's const objects (their runtime values), and every code literal the packages' sources emit
// outside those (a `code: '…'`, a stand-in refusal, a `"message (code)"` of the stand-in's SDK).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { DOCS_URL, errorDocsUrl } from '../../packages/core/src/docsUrl';
import { CaptchalaError, parseSdkError } from '../../packages/core/src/errors';
import { ConfigErrorCode } from '../../packages/server/src/client/CaptchalaConfigError';
import { HttpErrorCode } from '../../packages/server/src/handlers/CaptchalaHttpError';
import { ValidationKind, ValidationReason } from '../../packages/server/src/validation/ValidationResult';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PAGE = 'docs/reference/errors.md';
const ERRORS_TS = 'packages/core/src/errors.ts';

/** The four parts every entry has, in this order. */
const PARTS = ['What it means', 'Likely cause', 'What to do', 'Retries'] as const;

/**
 * Codes built at run time, which no literal spells: the anchor their entry has, how its heading shows the code, and
 * what in the sources makes them (when that goes, so must the entry).
 */
const PATTERNS = [
  {
    id: 'http_status',
    heading: '`http_<status>`',
    file: 'packages/server/src/validation/interpretAnswer.ts',
    source: /`http_\$\{/,
  },
];

/** String literal members of a union type alias, read with the compiler: comments and layout do not matter. */
function unionMembers(file: string, alias: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(root, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const declaration = source.statements.find(
    (statement): statement is ts.TypeAliasDeclaration =>
      ts.isTypeAliasDeclaration(statement) && statement.name.text === alias,
  );
  if (!declaration || !ts.isUnionTypeNode(declaration.type)) throw new Error(`${file}: no union ${alias}`);
  return declaration.type.types.map((member) => {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal)) {
      throw new Error(`${file}: ${alias} has a member that is no string literal: ${member.getText(source)}`);
    }
    return member.literal.text;
  });
}

function filesUnder(dir: string, extensions: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extensions.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const CODE = '([a-z][a-z0-9_]*)';
/** Where the packages' sources spell a code they emit. */
const LITERALS: { files: string[]; patterns: RegExp[] }[] = [
  {
    // `new CaptchalaError({ code: '…' })`, `refusal: { code: '…' }`, the stand-in's `{error: '…'}` bodies,
    // `bodyError(400, '…', …)` and `new FakeRefusal('…', …)`.
    files: readdirSync(join(root, 'packages')).flatMap((name) =>
      filesUnder(join(root, 'packages', name, 'src'), /\.(ts|tsx|vue|js)$/),
    ),
    patterns: [
      new RegExp(`\\bcode:\\s*'${CODE}'`, 'g'),
      new RegExp(`\\berror:\\s*'${CODE}'`, 'g'),
      new RegExp(`\\bbodyError\\(\\s*\\d{3},\\s*'${CODE}'`, 'g'),
      new RegExp(`new FakeRefusal\\(\\s*'${CODE}'`, 'g'),
    ],
  },
  {
    // The stand-in's SDK, which reports errors as CaptchaLa's does: a string ending `"… (code)"` (contract §2).
    files: filesUnder(join(root, 'packages/testing/browser'), /\.js$/),
    patterns: [new RegExp(` \\(${CODE}\\)[\`'"]`, 'g')],
  },
];

function literalCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { files, patterns } of LITERALS) {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of patterns) {
        for (const match of text.matchAll(pattern)) {
          const line = text.slice(0, match.index).split('\n').length;
          const where = `${relative(root, file)}:${line}`;
          found.set(match[1]!, [...(found.get(match[1]!) ?? []), where]);
        }
      }
    }
  }
  return found;
}

/** Every code the kit can emit, by where it was found. */
const GROUPS: Record<string, readonly string[]> = {
  CaptchalaSdkErrorCode: unionMembers(ERRORS_TS, 'CaptchalaSdkErrorCode'),
  CaptchalaKitErrorCode: unionMembers(ERRORS_TS, 'CaptchalaKitErrorCode'),
  ValidationReason: Object.values(ValidationReason),
  // `valid` is no failure: it has no entry.
  ValidationKind: Object.values(ValidationKind).filter((kind) => kind !== ValidationKind.Valid),
  HttpErrorCode: Object.values(HttpErrorCode),
  ConfigErrorCode: Object.values(ConfigErrorCode),
  'literals in packages/*/src and the stand-in SDK': [...literalCodes().keys()],
};
const CODES = new Set(Object.values(GROUPS).flat());

interface Heading {
  level: number;
  text: string;
  id: string;
  /** The markdown up to the next heading of this level or above. */
  body: string;
}

/** The page's headings with an explicit anchor (`### Title {#id}`), fenced code left out. */
function headingsOf(markdown: string): Heading[] {
  const lines = markdown.replace(/^```[\s\S]*?^```/gm, '').split('\n');
  const headings: (Heading & { start: number })[] = [];
  lines.forEach((line, index) => {
    const match = /^(#{1,6}) (.*?)\s*\{#([^}\s]+)\}\s*$/.exec(line);
    if (match)
      headings.push({ level: match[1]!.length, text: match[2]!, id: match[3]!, body: '', start: index });
  });
  return headings.map((heading) => {
    const next = lines.findIndex((line, index) => {
      const level = /^(#{1,6}) /.exec(line)?.[1]?.length;
      return index > heading.start && level !== undefined && level <= heading.level;
    });
    const { start: _start, ...rest } = heading;
    return { ...rest, body: lines.slice(heading.start + 1, next < 0 ? undefined : next).join('\n') };
  });
}

/** What is wrong with an entry's body: a missing, repeated, empty or misplaced part. */
function partProblems(body: string): string[] {
  const problems: string[] = [];
  let last = -1;
  for (const part of PARTS) {
    const label = `**${part}:**`;
    const at = body.indexOf(label);
    if (at < 0) {
      problems.push(`no "${part}"`);
      continue;
    }
    if (body.indexOf(label, at + 1) >= 0) problems.push(`"${part}" twice`);
    if (at < last) problems.push(`"${part}" out of order`);
    last = at;
    if (!/^\s*\S/.test(body.slice(at + label.length))) problems.push(`"${part}" is empty`);
  }
  return problems;
}

const markdown = readFileSync(join(root, PAGE), 'utf8');
const headings = headingsOf(markdown);
const entries = headings.filter((heading) => heading.level === 3);
const patternIds = new Set(PATTERNS.map((pattern) => pattern.id));

describe('docs/reference/errors.md has an entry for every code the kit can emit', () => {
  test('the codes are read from the sources (not an empty list)', () => {
    expect(GROUPS['CaptchalaSdkErrorCode']).toContain('token_expired');
    expect(GROUPS['CaptchalaKitErrorCode']).toContain('loader_blocked_csp');
    expect(GROUPS['ValidationReason']).toContain('token_consumed');
    expect(GROUPS['HttpErrorCode']).toContain('cross_site_request');
    expect(GROUPS['ConfigErrorCode']).toContain('insecure_url');
    // Literals outside the unions: the element's `not_mounted` and the stand-in's SDK and endpoints.
    expect(GROUPS['literals in packages/*/src and the stand-in SDK']).toEqual(
      expect.arrayContaining(['not_mounted', 'challenge_used', 'request_failed', 'host_not_allowed']),
    );
    expect(CODES.size).toBeGreaterThan(80);
  });

  test('every code has exactly one entry, headed by the code, with the four parts', () => {
    const problems: string[] = [];
    for (const code of [...CODES].sort()) {
      const withId = headings.filter((heading) => heading.id === code);
      const entry = entries.find((heading) => heading.id === code);
      if (!entry) {
        const sources = literalCodes().get(code);
        problems.push(
          `${code}: no "### \`${code}\` {#${code}}" entry${sources ? ` (emitted at ${sources[0]})` : ''}`,
        );
        continue;
      }
      if (withId.length !== 1) problems.push(`${code}: ${withId.length} headings with {#${code}}`);
      if (entry.text !== `\`${code}\``)
        problems.push(`${code}: heading "${entry.text}", expected "\`${code}\`"`);
      for (const problem of partProblems(entry.body)) problems.push(`${code}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  test('codes built at run time have their entry while the sources still build them', () => {
    const problems: string[] = [];
    for (const pattern of PATTERNS) {
      if (!pattern.source.test(readFileSync(join(root, pattern.file), 'utf8'))) {
        problems.push(
          `${pattern.id}: ${pattern.file} no longer builds it; drop its entry and its PATTERNS row`,
        );
      }
      const entry = entries.filter((heading) => heading.id === pattern.id);
      if (entry.length !== 1) problems.push(`${pattern.id}: ${entry.length} entries`);
      else {
        if (entry[0]!.text !== pattern.heading) problems.push(`${pattern.id}: heading "${entry[0]!.text}"`);
        for (const problem of partProblems(entry[0]!.body)) problems.push(`${pattern.id}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('no entry for a code the kit no longer emits, and no other heading takes a code as its anchor', () => {
    const stale = entries
      .filter((heading) => !CODES.has(heading.id) && !patternIds.has(heading.id))
      .map((heading) => `${heading.id} (heading "${heading.text}")`);
    expect(stale).toEqual([]);
    const untitled = markdown
      .replace(/^```[\s\S]*?^```/gm, '')
      .split('\n')
      .filter((line) => /^### /.test(line) && !/\{#[^}\s]+\}\s*$/.test(line));
    expect(untitled).toEqual([]);
    const groupsNamedLikeCodes = headings
      .filter((heading) => heading.level !== 3 && (CODES.has(heading.id) || patternIds.has(heading.id)))
      .map((heading) => heading.id);
    expect(groupsNamedLikeCodes).toEqual([]);
  });

  test('every link to an anchor of the page lands on a heading of it', () => {
    const ids = new Set(headings.map((heading) => heading.id));
    const links = [
      ...markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/\]\((?:\/reference\/errors)?#([^)\s]+)\)/g),
    ];
    expect(links.length).toBeGreaterThan(20);
    expect(links.map((link) => link[1]!).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe("a CaptchalaError's message links to its code's entry", () => {
  /** The docs page a URL of the site names, and its fragment. */
  function target(url: string): { file: string; fragment: string } {
    expect(url.startsWith(DOCS_URL)).toBe(true);
    const { pathname, hash } = new URL(url);
    // VitePress builds with cleanUrls off: `reference/errors.html` comes from `docs/reference/errors.md`.
    expect(pathname).toMatch(/\.html$/);
    return { file: `docs${pathname.replace(/\.html$/, '.md')}`, fragment: decodeURIComponent(hash.slice(1)) };
  }

  test.each([...CODES].sort())(
    '%s: the production message names a URL whose fragment has an entry',
    (code) => {
      // Production builds drop the long message: the constructor gets ''.
      const { message } = new CaptchalaError({ code, message: '' });
      const url = /https?:\/\/\S+/.exec(message)?.[0];
      expect(message).toBe(`CaptchaLa ${code}: see ${url}`);
      const { file, fragment } = target(url as string);
      expect(file).toBe(PAGE);
      expect(fragment).toBe(code);
      expect(entries.filter((entry) => entry.id === fragment)).toHaveLength(1);
    },
  );

  test("development messages end with the link, kept otherwise; the SDK's own words stay as it said them", () => {
    const url = errorDocsUrl('destroyed');
    expect(new CaptchalaError({ code: 'destroyed', message: 'The widget was destroyed.' }).message).toBe(
      `The widget was destroyed. See ${url}`,
    );
    expect(
      new CaptchalaError({ code: 'loader_blocked_csp', message: '', detail: 'script-src blocked x' }).message,
    ).toBe(`CaptchaLa loader_blocked_csp (script-src blocked x): see ${errorDocsUrl('loader_blocked_csp')}`);
    expect(parseSdkError({ error: 'Verification failed (verify_failed)' }).message).toBe(
      'Verification failed',
    );
  });

  test('the docs site is named in one place: packages/core/src/docsUrl.ts', () => {
    const host = new URL(DOCS_URL).host;
    const spelled = readdirSync(join(root, 'packages'))
      .flatMap((name) => filesUnder(join(root, 'packages', name, 'src'), /\.(ts|tsx|vue|js)$/))
      .filter((file) => readFileSync(file, 'utf8').includes(host))
      .map((file) => relative(root, file));
    expect(spelled).toEqual(['packages/core/src/docsUrl.ts']);
  });
});
