// `pnpm bench:readme`: refreshes the root README's "How it compares" from bench/results/*.json (what the last
// `pnpm bench` runs saved). Runs no benchmark: an explicit step, so a benchmark run never rewrites the README.
import { BENCHMARKS } from './src/benchmarks';
import { refreshReadme } from './src/harness/results';

refreshReadme(BENCHMARKS);
console.log(`README.md's "How it compares" refreshed from bench/results/*.json.`);
