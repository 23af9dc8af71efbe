import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const typeTest = fileURLToPath(new URL('./jsx.typetest.tsx', import.meta.url));

/** Type-checks jsx.typetest.tsx with the repo's compiler options, `react` resolving to the given types package. */
function check(types: '@types/react' | '@types/react-18') {
  const configPath = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(
    config,
    ts.sys,
    fileURLToPath(new URL('../../..', import.meta.url)),
  );
  const program = ts.createProgram([typeTest], {
    ...options,
    baseUrl: packageDir,
    paths: { react: [`node_modules/${types}`], 'react/*': [`node_modules/${types}/*`] },
  });
  return {
    errors: ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
    /** Majors of the @types/react copies in the program (pnpm paths name the version). */
    reactMajors: program
      .getSourceFiles()
      .flatMap(
        (file) =>
          /@types\+react@(\d+)\.[^/]*\/node_modules\/@types\/react\/index\.d\.ts$/.exec(file.fileName)?.[1] ??
          [],
      ),
  };
}

describe('JSX types shipped by the package', () => {
  // Each @ts-expect-error in the file must meet its error: a typing that lets a wrong prop through fails here.
  test.each([
    ['@types/react', '19'],
    ['@types/react-18', '18'],
  ] as const)(
    '<captchala-widget> and <Captchala> type-check with %s (React %s)',
    (types, major) => {
      const { errors, reactMajors } = check(types);
      expect(reactMajors).toEqual([major]);
      expect(errors).toEqual([]);
    },
    60_000,
  ); // a whole TypeScript program per run: seconds on a cold, busy machine
});
