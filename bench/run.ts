// `pnpm bench`: builds the packages and the bench pages, runs every benchmark (or `--only <name>[,<name>]`),
// writes `results/<name>.json`, then `results/README.md` from all results. The root README is left alone:
// `pnpm bench:readme` (readme.ts) refreshes its "How it compares" from the results, when you choose to.
import { parseArgs } from 'node:util';
import { chromiumLaunchOptions } from '@captchala-kit/testing/chromium';
import { chromium } from 'playwright';
import { BENCHMARKS } from './src/benchmarks';
import { buildPackages } from './src/harness/buildPackages';
import { buildPages } from './src/harness/buildPages';
import { environment, saveResult, saveRun, writeResultsReport } from './src/harness/results';

const started = performance.now();
// (`pnpm bench -- --only x` passes a lone `--` through: drop it.)
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { only: { type: 'string' } },
});
const only = values.only?.split(',');
const unknown = only?.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}.`,
  );
  process.exit(2);
}
const selected = BENCHMARKS.filter((benchmark) => !only || only.includes(benchmark.name));

console.log('Building the packages…');
buildPackages();
console.log('Building the bench pages…');
const pages = { production: await buildPages('production'), development: await buildPages('development') };
const browser = await chromium.launch(chromiumLaunchOptions());
const env = environment(`Chromium ${browser.version()}`);
try {
  for (const benchmark of selected) {
    console.log(`Running ${benchmark.name}…`);
    const start = performance.now();
    const result = await benchmark.run({ browser, pages });
    const durationS = (performance.now() - start) / 1000;
    saveResult({
      name: benchmark.name,
      title: benchmark.title,
      date: new Date().toISOString(),
      durationS,
      environment: env,
      result,
    });
    console.log(`  ${benchmark.name}: ${durationS.toFixed(1)} s`);
  }
} finally {
  await browser.close();
}
const runS = (performance.now() - started) / 1000;
if (!only) saveRun({ date: new Date().toISOString(), durationS: runS });
writeResultsReport(BENCHMARKS);
console.log(
  `Done in ${runS.toFixed(0)} s: bench/results/. \`pnpm bench:readme\` puts them in the README's "How it compares".`,
);
