import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { documentedNames, exportedNames } from '../../../scripts/publicApi';

test('every export of @captchala-kit/core has a line in the README API table, and nothing else is there', () => {
  const exported = exportedNames(fileURLToPath(new URL('../src/index.ts', import.meta.url)));
  expect(documentedNames(fileURLToPath(new URL('../README.md', import.meta.url)))).toEqual(exported);
  // Internals stay importable by path for tests, never from the entry.
  for (const internal of [
    'createStore',
    'createServerTokenSource',
    'parseSdkError',
    'browserLoaderPlatform',
  ]) {
    expect(exported).not.toContain(internal);
  }
}, 30_000);
