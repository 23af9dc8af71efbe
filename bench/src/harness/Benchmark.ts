import type { Browser } from 'playwright';
import type { PagesMode } from './buildPages';

export interface BenchmarkContext {
  /** One Chromium for the run (a system Chromium when there is one: `chromiumLaunchOptions()`). */
  browser: Browser;
  /** The built bench pages (`bench/dist/<mode>`), to serve with the stand-in (`withBenchServer`). */
  pages: Record<PagesMode, string>;
}

/** Markdown: `summary` goes into the root README and `results/README.md`, `details` only into the latter. */
export interface BenchmarkReport {
  summary: string;
  details?: string;
}

/** One benchmark: `run` measures and returns plain data (written to `results/<name>.json`), `report` renders it. */
export interface Benchmark<Result> {
  name: string;
  title: string;
  run(context: BenchmarkContext): Promise<Result>;
  report(result: Result): BenchmarkReport;
}
