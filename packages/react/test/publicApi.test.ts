import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { documentedNames, exportedNames } from '../../../scripts/publicApi';

test('every export of @captchala-kit/react has a line in the README API table, and nothing else is there', () => {
  const exported = exportedNames(fileURLToPath(new URL('../src/index.ts', import.meta.url)));
  expect(documentedNames(fileURLToPath(new URL('../README.md', import.meta.url)))).toEqual(exported);
  for (const internal of ['EVENT_PROPS', 'DEV', 'CaptchalaWidgetJsxProps'])
    expect(exported).not.toContain(internal);
}, 30_000);
