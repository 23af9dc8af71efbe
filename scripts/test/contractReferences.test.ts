import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CONTRACT = 'docs/captchala-contract.md';

/** The sections the contract page has: `## 5. …` gives `5`, `### 5a. …` gives `5a`. */
function sectionsOf(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{2,3} (\d+[a-z]?)\. /gm)].map((match) => match[1]!));
}

/** Every "contract §N" (also "contract's (§N)", "contract §1–§6") in a text, with its line. */
function citationsIn(text: string): { section: string; line: number }[] {
  const found: { section: string; line: number }[] = [];
  for (const match of text.matchAll(/contract(?:'s)?[ (]*((?:§\d+[a-z]?(?:[–-]|, | and )?)+)/gi)) {
    const line = text.slice(0, match.index).split('\n').length;
    for (const section of match[1]!.matchAll(/§(\d+[a-z]?)/g)) found.push({ section: section[1]!, line });
  }
  return found;
}

test('the citation reader finds every form the code uses', () => {
  expect(
    citationsIn("see contract §5a and Contract §3.\n(the contract's (§6) fields)\ncontract §1–§6").map(
      (c) => c.section,
    ),
  ).toEqual(['5a', '3', '6', '1', '6']);
});

test('every "contract §N" in the repository names a section of docs/captchala-contract.md', () => {
  const sections = sectionsOf(readFileSync(`${root}/${CONTRACT}`, 'utf8'));
  expect([...sections]).toEqual(expect.arrayContaining(['1', '2', '3', '4', '5', '5a', '5b', '6']));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => /\.(ts|tsx|vue|md|json|html|mjs)$/.test(file) && file !== CONTRACT);
  const broken: string[] = [];
  let cited = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(`${root}/${file}`, 'utf8');
    } catch {
      continue; // listed but deleted in the working tree
    }
    for (const { section, line } of citationsIn(text)) {
      cited++;
      if (!sections.has(section)) broken.push(`${file}:${line} cites §${section}`);
    }
  }
  expect(broken).toEqual([]);
  // The check read the code's citations (dozens of them), not an empty list.
  expect(cited).toBeGreaterThan(40);
});
