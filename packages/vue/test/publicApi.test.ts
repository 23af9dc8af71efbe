import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { documentedNames, exportedNames } from '../../../scripts/publicApi';

test('every export of @captchala-kit/vue has a line in the README API table, and nothing else is there', () => {
  const exported = exportedNames(fileURLToPath(new URL('../src/index.ts', import.meta.url)));
  expect(documentedNames(fileURLToPath(new URL('../README.md', import.meta.url)))).toEqual(exported);
  // The injection key behind the plugin's defaults stays internal.
  expect(exported).not.toContain('captchalaDefaultsKey');
}, 30_000);
