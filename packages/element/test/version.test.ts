import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { CaptchalaWidget } from '../src/index';

const packages = new URL('../../', import.meta.url);

test('the kit is versioned in lockstep, and CaptchalaWidget.version says which copy runs', () => {
  const versions = readdirSync(packages)
    .map((dir) => JSON.parse(readFileSync(new URL(`${dir}/package.json`, packages), 'utf8')))
    .filter((pkg) => !pkg.private)
    .map((pkg) => `${pkg.name}@${pkg.version}`);
  const element = JSON.parse(readFileSync(new URL('element/package.json', packages), 'utf8'));
  expect(versions.map((entry) => entry.split('@').at(-1))).toEqual(
    Array(versions.length).fill(element.version),
  );
  expect(CaptchalaWidget.version).toBe(element.version);
});
