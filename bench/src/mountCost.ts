import type { CDPSession, Page } from 'playwright';
import type { Benchmark } from './harness/Benchmark';
import { mergeProfiles, type ProfileSummary, profile } from './harness/cpuProfile';
import { withPage } from './harness/openPage';
import { withBenchServer } from './harness/startBenchServer';
import { formatSpread, type Spread, spread } from './harness/stats';

const WIDGETS = 100;
const ROUNDS = 9;
const APP_KEY = 'test_pass~mount';
/** The kit's code as the bench pages chunk it: what `<captchala-widget>` ships. */
const KIT_FILES = ['kit-core', 'kit-element', 'vendor-lit'];
type Way = 'kit' | 'hand';

/** Milliseconds per widget for one round of one way of mounting. */
interface PerWidget {
  /** Insertion to the last `ready` (network included: one challenge fetch per widget either way). */
  wall: number;
  /** Main-thread busy time (CDP `Performance` TaskDuration): script, style, layout, GC. */
  task: number;
  /** Sampled time in the kit's files (core, element, Lit), built-ins they call included. */
  kitCode: number;
}
const KEYS = ['wall', 'task', 'kitCode'] as const;

export interface MountCostResult {
  widgets: number;
  rounds: number;
  kit: Record<keyof PerWidget, Spread>;
  hand: Record<keyof PerWidget, Spread>;
  /** What the kit adds per widget: kit minus hand-made, paired round by round. */
  added: Record<keyof PerWidget, Spread>;
  /** Every round's profile added up, per way: ms per widget by file, and the kit round's top functions. */
  byFile: Record<Way, Record<string, number>>;
  topFunctions: ProfileSummary['byFunction'];
}

async function taskDuration(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/**
 * Mounts `WIDGETS` widgets one way under the profiler, waits for all to be ready, and removes them again (outside
 * the measurement; then garbage is collected).
 */
async function mountRound(page: Page, cdp: CDPSession, way: Way): Promise<[PerWidget, ProfileSummary]> {
  const before = await taskDuration(cdp);
  const [wall, summary] = await profile(cdp, () =>
    page.evaluate(({ way, count, appKey }) => window.bench[way].mount({ count, appKey }), {
      way,
      count: WIDGETS,
      appKey: APP_KEY,
    }),
  );
  const task = (await taskDuration(cdp)) - before;
  await page.evaluate((way) => window.bench[way].unmount(), way);
  await cdp.send('HeapProfiler.collectGarbage');
  const kitCode = KIT_FILES.reduce((total, file) => total + (summary.byFile[file] ?? 0), 0);
  return [{ wall: wall / WIDGETS, task: task / WIDGETS, kitCode: kitCode / WIDGETS }, summary];
}

const spreads = (rounds: PerWidget[]) =>
  Object.fromEntries(KEYS.map((key) => [key, spread(rounds.map((round) => round[key]))])) as Record<
    keyof PerWidget,
    Spread
  >;

const perWidget = (byFile: Record<string, number>, rounds: number) =>
  Object.fromEntries(Object.entries(byFile).map(([file, ms]) => [file, ms / rounds / WIDGETS]));

/**
 * What the kit adds per widget over a hand-made SDK integration on the same page: 100 `<captchala-widget>`s versus
 * 100 `Captchala.init().appendTo(div)`, the loader and SDK already loaded, alternating, several rounds, each under
 * the CDP sampling profiler (its overhead lands on both ways alike).
 */
export const mountCost: Benchmark<MountCostResult> = {
  name: 'mount-cost',
  title: 'Mount cost',
  async run({ browser, pages }) {
    return withBenchServer({ root: pages.production }, (server) =>
      withPage({ browser, url: `${server.url}/element.html` }, async ({ page, cdp }) => {
        await cdp.send('Performance.enable');
        // Warm-up: the loader and SDK load, the code is compiled.
        await mountRound(page, cdp, 'kit');
        await mountRound(page, cdp, 'hand');
        const rounds: Record<Way, PerWidget[]> = { kit: [], hand: [] };
        const profiles: Record<Way, ProfileSummary[]> = { kit: [], hand: [] };
        for (let round = 0; round < ROUNDS; round++) {
          for (const way of round % 2 === 0 ? (['kit', 'hand'] as const) : (['hand', 'kit'] as const)) {
            const [measured, summary] = await mountRound(page, cdp, way);
            rounds[way].push(measured);
            profiles[way].push(summary);
          }
        }
        const added = rounds.kit.map((kit, index) => {
          const hand = rounds.hand[index] as PerWidget;
          return {
            wall: kit.wall - hand.wall,
            task: kit.task - hand.task,
            kitCode: kit.kitCode - hand.kitCode,
          };
        });
        const kitProfile = mergeProfiles(profiles.kit);
        return {
          widgets: WIDGETS,
          rounds: ROUNDS,
          kit: spreads(rounds.kit),
          hand: spreads(rounds.hand),
          added: spreads(added),
          byFile: {
            kit: perWidget(kitProfile.byFile, ROUNDS),
            hand: perWidget(mergeProfiles(profiles.hand).byFile, ROUNDS),
          },
          topFunctions: kitProfile.byFunction
            .filter((entry) => KIT_FILES.includes(entry.file))
            .slice(0, 12)
            .map((entry) => ({ ...entry, ms: entry.ms / ROUNDS / WIDGETS })),
        };
      }),
    );
  },
  report(result) {
    const row = (label: string, key: keyof PerWidget) =>
      `| ${label} | ${formatSpread(result.kit[key], 3)} | ${formatSpread(result.hand[key], 3)} | **${formatSpread(result.added[key], 3)}** |`;
    const files = Object.entries(result.byFile.kit)
      .sort((a, b) => b[1] - a[1])
      .filter(([, ms]) => ms >= 0.001)
      .map(([file, ms]) => `| ${file} | ${ms.toFixed(3)} | ${(result.byFile.hand[file] ?? 0).toFixed(3)} |`);
    const top = result.topFunctions.map(
      (entry) => `| \`${entry.function}\` | ${entry.file}:${entry.line} | ${entry.ms.toFixed(3)} |`,
    );
    const summary = [
      `${result.widgets} widgets inserted at once (production build, loader and SDK already loaded), ${result.rounds} rounds`,
      `alternating with ${result.widgets} hand-made \`Captchala.init({...}).appendTo(div)\` on the same page. Milliseconds per`,
      'widget, median (min–max); "added" pairs each kit round with the hand-made round beside it.',
      '',
      '| ms per widget | kit | hand-made SDK | added by the kit |',
      '| --- | ---: | ---: | ---: |',
      row('insertion → all ready (wall, network included)', 'wall'),
      row('main-thread busy (CDP TaskDuration)', 'task'),
      row("in the kit's code: core, element, Lit (profiler)", 'kitCode'),
    ].join('\n');
    const details = [
      'Where the main thread went, all rounds (CDP sampling profiler; built-ins count for the function that called them;',
      "`(program)` is the browser's own work outside any script: style, layout, parsing, task scheduling):",
      '',
      '| file | kit, ms per widget | hand-made, ms per widget |',
      '| --- | ---: | ---: |',
      ...files,
      '',
      "The kit's top functions (file:line in `bench/dist/production/assets`, Lit's minified):",
      '',
      '| function | where | ms per widget |',
      '| --- | --- | ---: |',
      ...top,
    ].join('\n');
    return { summary, details };
  },
};
