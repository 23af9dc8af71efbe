// The form field the pass token travels in is one word in three packages that do not depend on each other: the
// element writes it, the server reads it, the stand-in's site backend reads it. Each spells it once; this holds
// them equal, and holds everyone else to importing it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { DEFAULTS as ELEMENT } from '../../packages/element/src/options';
import { DEFAULTS as SERVER } from '../../packages/server/src/DEFAULTS';
import { SITE_TOKEN_FIELD } from '../../packages/testing/src/server/siteBackend';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SPELLED_IN = [
  'packages/element/src/options.ts',
  'packages/server/src/DEFAULTS.ts',
  'packages/testing/src/server/siteBackend.ts',
];

test("the element's field name, the server's and the stand-in's site backend's are one", () => {
  expect(SERVER.tokenField).toBe(ELEMENT.name);
  expect(SITE_TOKEN_FIELD).toBe(ELEMENT.name);
});

// The playground's example forms (src/react, src/vue, src/widget.ts, src/plain-sdk.ts) spell it as a site would.
const IMPORTS_IT =
  /^(packages\/[^/]+\/src|playground\/(server|shared|src\/why-invalid))\/.*\.(ts|tsx|vue|js)$/;

test('no other kit source, nor the playground backend and "why invalid?" machinery, spells it: they import it', () => {
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => IMPORTS_IT.test(file));
  const spelled = tracked.filter((file) =>
    /['"]captchala_token['"]/.test(readFileSync(`${root}/${file}`, 'utf8')),
  );
  expect(spelled.sort()).toEqual(SPELLED_IN);
});
