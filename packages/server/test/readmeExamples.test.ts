/**
 * Issue 18, item 9: no copy-paste example in the READMEs reflects request input into a response as text or HTML
 * (`res.send(\`welcome, ${req.body.email}\`)` is a reflected XSS, from a cross-site form at that).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const ROOT = new URL('../../../', import.meta.url);
const READMES = [
  'README.md',
  ...readdirSync(new URL('packages/', ROOT)).map((name) => `packages/${name}/README.md`),
].filter((path) => {
  try {
    readFileSync(new URL(path, ROOT));
    return true;
  } catch {
    return false;
  }
});

/** Code blocks of a Markdown file, with the line each starts on. */
function codeBlocks(markdown: string): Array<{ line: number; code: string }> {
  const blocks: Array<{ line: number; code: string }> = [];
  const pattern = /^```[a-z]*\n([\s\S]*?)^```/gm;
  for (let match = pattern.exec(markdown); match; match = pattern.exec(markdown)) {
    blocks.push({ line: markdown.slice(0, match.index).split('\n').length, code: match[1] ?? '' });
  }
  return blocks;
}

/**
 * A response body written from a template literal that interpolates request data: `res.send(`…${req.body…}`)`,
 * `res.end`, `res.write`, `new Response(`…${fields…}`)`. JSON (`res.json`, `Response.json`) escapes; text does not.
 */
const REFLECTS =
  /\b(?:res\.(?:send|end|write)|new Response)\(\s*`[^`]*\$\{[^}]*\b(?:req|request|body|fields|query|params)\b/;

describe.each(READMES)('%s', (path) => {
  test('no example echoes request input unescaped', () => {
    const offenders = codeBlocks(readFileSync(new URL(path, ROOT), 'utf8'))
      .flatMap(({ line, code }) =>
        code.split('\n').map((text, index) => ({ at: `${path}:${line + 1 + index}`, text })),
      )
      .filter(({ text }) => REFLECTS.test(text));
    expect(offenders).toEqual([]);
  });
});

test('the check itself catches the pattern it is for', () => {
  expect(REFLECTS.test('res.send(`welcome, ${req.body.email}`);')).toBe(true);
  expect(REFLECTS.test('guard(req, res, () => res.end(`welcome, ${(req as any).body.email}`));')).toBe(true);
  expect(REFLECTS.test('res.json({ welcome: req.body.email });')).toBe(false);
});

test('SECURITY.md cites only test files that exist', () => {
  const security = readFileSync(new URL('SECURITY.md', ROOT), 'utf8');
  const cited = [...security.matchAll(/`((?:packages|e2e)\/[\w./-]+\.ts)`/g)].map(
    (match) => match[1] as string,
  );
  expect(cited.length).toBeGreaterThan(10);
  expect(cited.filter((path) => !existsSync(new URL(path, ROOT)))).toEqual([]);
});
