// After `changeset version`: the element names its version at runtime (`CaptchalaWidget.version`, so two copies on
// a page can be told apart); write the package's new version there. A test keeps them equal.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('packages/element/package.json', root), 'utf8'));
const file = new URL('packages/element/src/CaptchalaWidget.ts', root);
const source = readFileSync(file, 'utf8');
const updated = source.replace(/(static readonly version = ')[^']*(';)/, `$1${version}$2`);
if (updated === source && !source.includes(`static readonly version = '${version}';`)) {
  throw new Error('syncVersion: CaptchalaWidget.version not found');
}
writeFileSync(file, updated);
console.log(`CaptchalaWidget.version = ${version}`);
