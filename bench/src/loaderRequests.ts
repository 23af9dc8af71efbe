import type { Benchmark } from './harness/Benchmark';
import { withPage } from './harness/openPage';
import { withBenchServer } from './harness/startBenchServer';

const FRAMEWORKS = [
  { page: 'element', label: 'plain HTML (`<captchala-widget>`)' },
  { page: 'react', label: 'React 19, `<StrictMode>`' },
  { page: 'vue', label: 'Vue 3' },
] as const;
const COUNTS = [1, 10, 100];

export interface LoaderRequestsRow {
  framework: string;
  widgets: number;
  /** `GET /captchala-loader.js` served by the stand-in. */
  loaderRequests: number;
  /** `GET /captchala.js` (the SDK the loader fetches). */
  sdkRequests: number;
  /** Loader `<script>` tags in the document afterwards. */
  loaderTags: number;
  /** Challenges fetched (each widget's SDK instance preloads one). */
  challengeFetches: number;
}

/**
 * Loads a page with 1, 10 and 100 widgets (plain HTML, React in StrictMode, Vue) in real Chromium and counts what
 * the stand-in served. Development builds: only there does React's StrictMode mount every component twice.
 */
export const loaderRequests: Benchmark<LoaderRequestsRow[]> = {
  name: 'loader-requests',
  title: 'Loader requests',
  async run({ browser, pages }) {
    const rows: LoaderRequestsRow[] = [];
    await withBenchServer({ root: pages.development }, async (server) => {
      for (const framework of FRAMEWORKS) {
        for (const widgets of COUNTS) {
          server.standIn.reset();
          const appKey = `test_pass~requests`;
          const loaderTags = await withPage(
            { browser, url: `${server.url}/${framework.page}.html` },
            async ({ page }) => {
              await page.evaluate((options) => window.bench.kit.mount(options), { count: widgets, appKey });
              return page.evaluate(
                () => document.querySelectorAll('script[src*="captchala-loader.js"]').length,
              );
            },
          );
          const { fileRequests, challengeFetches } = server.standIn.inspect();
          rows.push({
            framework: framework.label,
            widgets,
            loaderRequests: fileRequests['/captchala-loader.js'] ?? 0,
            sdkRequests: fileRequests['/captchala.js'] ?? 0,
            loaderTags,
            challengeFetches: challengeFetches[appKey] ?? 0,
          });
        }
      }
    });
    return rows;
  },
  report(rows) {
    const summary = [
      'Each page load in a fresh browser context, counted by the stand-in (goal: 1 loader request per page). Development',
      "builds: only there does React's `<StrictMode>` mount every component twice.",
      '',
      '| page | widgets | loader requests | SDK requests | loader `<script>` tags | challenge fetches |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (row) =>
          `| ${row.framework} | ${row.widgets} | ${row.loaderRequests} | ${row.sdkRequests} | ${row.loaderTags} | ${row.challengeFetches} |`,
      ),
    ].join('\n');
    return { summary };
  },
};
