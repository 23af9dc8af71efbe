// Setup of the `unit-react18` project (vite.config.ts). Vite's alias sends the tests' `react` and `react-dom` to the
// react-18 and react-dom-18 packages, but Node loads react-dom-18 itself, and pnpm links its `react` peer to the
// workspace's React 19: a second React, which breaks rendering. Its own `require('react')` goes to react-18 here.

import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);
const react18 = dirname(require.resolve('react-18/package.json'));
const reactDom18 = dirname(require.resolve('react-dom-18/package.json'));

interface ModuleInternals {
  _resolveFilename(request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string;
}
const internals = Module as unknown as ModuleInternals;
const resolveFilename = internals._resolveFilename;
internals._resolveFilename = function (request, parent, ...rest) {
  const fromReactDom18 = parent?.filename?.startsWith(`${reactDom18}/`) ?? false;
  const react = request === 'react' || request.startsWith('react/');
  return resolveFilename.call(
    this,
    fromReactDom18 && react ? react18 + request.slice(5) : request,
    parent,
    ...rest,
  );
};
