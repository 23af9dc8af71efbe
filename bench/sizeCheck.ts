// `pnpm size:check`: builds the packages, bundles each budgeted entry as the bundle-size benchmark does, and fails
// (exit 1) when one ships more min+gzip than `bench/budgets.json` allows, naming the entry, the measured size and
// the budget.
import { measureEntry, SIZE_ENTRIES } from './src/bundleSize';
import { buildPackages } from './src/harness/buildPackages';
import { checkBudgets, KB, readBudgets } from './src/sizeBudgets';

buildPackages();
const budgeted = Object.keys(readBudgets());
const results = [];
for (const entry of SIZE_ENTRIES.filter((candidate) => budgeted.includes(candidate.name))) {
  results.push(await measureEntry(entry));
}
const checks = checkBudgets(results);
const kB = (bytes: number) => `${(bytes / KB).toFixed(2)} kB`;
for (const check of checks) {
  const target = check.target !== undefined ? ` (target ${check.target} kB)` : '';
  console.log(
    `${check.over ? '✗' : '✓'} ${check.name}: ${kB(check.measured)} gzip, budget ${check.gzip} kB${target}`,
  );
}
const over = checks.filter((check) => check.over);
if (over.length > 0) {
  console.error(
    `\nsize:check failed: ${over.map((check) => `"${check.name}" ships ${kB(check.measured)} min+gzip, over its budget of ${check.gzip} kB`).join('; ')}. Make it smaller, or raise bench/budgets.json on purpose.`,
  );
  process.exit(1);
}
