import { bundleSize } from './bundleSize';
import { challenges } from './challenges';
import { leaks } from './leaks';
import { loaderRequests } from './loaderRequests';
import { mountCost } from './mountCost';
import { serverCpu } from './serverCpu';
import { submitOverhead } from './submitOverhead';

/** Every benchmark, in the order `pnpm bench` runs them and the reports show them. */
export const BENCHMARKS = [
  bundleSize,
  loaderRequests,
  mountCost,
  leaks,
  submitOverhead,
  challenges,
  serverCpu,
] as const;
