import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright';
import type { Benchmark } from './harness/Benchmark';
import { withPage } from './harness/openPage';
import { withBenchServer } from './harness/startBenchServer';

declare global {
  interface Window {
    /** Set by `harness/leakProbes.js`. */
    __leakProbes: { pendingTimers(): number; liveSdkInstances(): number };
  }
}

const LEAK_PROBES = fileURLToPath(new URL('./harness/leakProbes.js', import.meta.url));
const ROUNDS = 100;
const BATCH = 10;
const VARIANTS = [
  { label: '`<captchala-widget>`', page: 'element', way: 'kit' },
  { label: 'React `<Captchala>`', page: 'react', way: 'kit' },
  { label: 'Vue `<Captchala>`', page: 'vue', way: 'kit' },
  { label: 'hand-made SDK (`init`/`destroy`)', page: 'element', way: 'hand' },
] as const;

interface Counts {
  /** JS heap in use after garbage collection (CDP `Runtime.getHeapUsage`), bytes. */
  heap: number;
  /** DOM nodes alive (CDP `Memory.getDOMCounters`). */
  nodes: number;
  /** JS event listeners alive, on any target (CDP `Memory.getDOMCounters`). */
  listeners: number;
  pendingTimers: number;
  liveSdkInstances: number;
}

export interface LeaksRow {
  variant: string;
  /** After the first round (the loader and SDK loaded), after 1,000 more cycles, and after another 1,000. */
  counts: [Counts, Counts, Counts];
}

async function counts(page: Page, cdp: CDPSession): Promise<Counts> {
  for (let pass = 0; pass < 3; pass++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const probes = await page.evaluate(() => ({
    pendingTimers: window.__leakProbes.pendingTimers(),
    liveSdkInstances: window.__leakProbes.liveSdkInstances(),
  }));
  return { heap: usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners, ...probes };
}

/** Mounts `BATCH` widgets, waits until all are ready, removes them: `rounds` times. */
async function cycle(page: Page, way: 'kit' | 'hand', rounds: number): Promise<void> {
  await page.evaluate(
    async ({ way, rounds, count }) => {
      for (let round = 0; round < rounds; round++) {
        await window.bench[way].mount({ count, appKey: 'test_pass~leaks' });
        await window.bench[way].unmount();
      }
    },
    { way, rounds, count: BATCH },
  );
}

/**
 * 1,000 mount/unmount cycles (100 rounds of 10 widgets, each waiting for ready) per wrapper and by hand on the SDK,
 * each in a fresh page of the production build: what is left afterwards, against what was there after one round.
 * Then 1,000 more: a leak grows by the same again, while the engine's warm-up (compiled code, inline caches) levels
 * off.
 */
export const leaks: Benchmark<LeaksRow[]> = {
  name: 'leaks',
  title: 'Leaks',
  async run({ browser, pages }) {
    const rows: LeaksRow[] = [];
    await withBenchServer({ root: pages.production }, async (server) => {
      for (const variant of VARIANTS) {
        const before = async (page: Page) => {
          await page.addInitScript({ path: LEAK_PROBES });
        };
        await withPage(
          { browser, url: `${server.url}/${variant.page}.html`, before },
          async ({ page, cdp }) => {
            await cycle(page, variant.way, 1);
            const first = await counts(page, cdp);
            await cycle(page, variant.way, ROUNDS);
            const second = await counts(page, cdp);
            await cycle(page, variant.way, ROUNDS);
            rows.push({ variant: variant.label, counts: [first, second, await counts(page, cdp)] });
          },
        );
      }
    });
    return rows;
  },
  report(rows) {
    const signed = (value: number) => (value > 0 ? `+${value}` : String(value));
    const kb = (bytes: number) => `${signed(Math.round(bytes / 1000))} kB`;
    const left = (row: LeaksRow, key: keyof Counts) =>
      row.counts
        .slice(1)
        .map((count) => signed(count[key] - row.counts[0][key]))
        .join(' / ');
    const summary = [
      'Left after 1,000 and after 2,000 mount/unmount cycles (rounds of 10 widgets, each waiting for all to be ready),',
      'against after the first round; garbage collected (CDP `HeapProfiler.collectGarbage`) before each count.',
      'Production builds, a fresh page each. A leak grows as much in the second 1,000 cycles as in the first.',
      '',
      '| variant | JS heap, first 1,000 | JS heap, next 1,000 | DOM nodes | event listeners | pending timers | live SDK instances |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map((row) => {
        const [first, second, third] = row.counts;
        return `| ${row.variant} | ${kb(second.heap - first.heap)} | ${kb(third.heap - second.heap)} | ${left(row, 'nodes')} | ${left(row, 'listeners')} | ${left(row, 'pendingTimers')} | ${left(row, 'liveSdkInstances')} |`;
      }),
    ].join('\n');
    return { summary };
  },
};
