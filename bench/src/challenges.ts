import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import type { Benchmark } from './harness/Benchmark';
import { withPage } from './harness/openPage';
import { STAND_IN_BASE, withBenchServer } from './harness/startBenchServer';

declare global {
  interface Window {
    /** Set by `harness/challengeProbe.js`: challenge requests the page issued. */
    __challengeRequests: number;
  }
}

const CHALLENGE_PROBE = fileURLToPath(new URL('./harness/challengeProbe.js', import.meta.url));
const IDLE_S = [0, 300, 1800];
/** The fake clocks move in steps this long, the page's pending requests settling in between. */
const STEP_MS = 5_000;
/** Blind periodic resets, as some integrations do to stay ahead of expiry: one challenge per period. */
const BLIND_RESET_S = 250;
/** The stand-in's pass-token lifetime (its default), after which a visible product needs a new challenge. */
const PASS_TOKEN_TTL_S = 120;
const CONFIGS = [
  { product: 'bind', serverTokens: false },
  { product: 'popup', serverTokens: false },
  { product: 'bind', serverTokens: true },
  { product: 'popup', serverTokens: true },
] as const;

export interface ChallengesRow {
  product: string;
  serverTokens: boolean;
  idleS: number;
  /** Challenge requests from page load until the submission went out with a token (counted in the page). */
  toSubmit: number;
  /** The stand-in's count once the page settled, minus `toSubmit`: the challenge the kit preloads for the next one. */
  preloadedAfter: number;
  /** The fewest possible: 1 for `bind`; 1, plus 1 if the token expired meanwhile, for a visible product. */
  floor: number;
  /** A blind reset every 250 s: 1 + idle / 250 s. */
  blindReset: number;
}

/** Waits until the page has no request in flight, twice in a row. */
async function settle(inFlight: () => number): Promise<void> {
  for (let quiet = 0; quiet < 2; ) {
    await new Promise((resolve) => setTimeout(resolve, 15));
    quiet = inFlight() === 0 ? quiet + 1 : 0;
  }
}

function trackRequests(page: Page): () => number {
  let count = 0;
  page.on('request', () => count++);
  page.on('requestfinished', () => count--);
  page.on('requestfailed', () => count--);
  return () => count;
}

/**
 * What one user costs in billed challenges: the page loads, the user solves (a visible product; `bind` solves on
 * submit), idles 0 s, 5 min or 30 min, then submits. Time is faked on both sides, together: Playwright's
 * `page.clock` in the page (installed before navigation, advanced in 5 s steps with `runFor`, firing every timer on
 * the way) and the stand-in's `now` (its challenge and token expiry are server-side), so the real element, SDK
 * stand-in and API run end to end. Counted by the stand-in (`challengeFetches`).
 */
export const challenges: Benchmark<ChallengesRow[]> = {
  name: 'challenges',
  title: 'Challenges per submission',
  async run({ browser, pages }) {
    let offset = 0;
    const rows: ChallengesRow[] = [];
    await withBenchServer({ root: pages.production, now: () => Date.now() + offset }, async (server) => {
      for (const config of CONFIGS) {
        for (const idleS of IDLE_S) {
          const appKey = `test_auto_pass~ch-${config.product}-${idleS}${config.serverTokens ? '-sct' : ''}`;
          const fetches = () => server.standIn.inspect().challengeFetches[appKey] ?? 0;
          const before = async (page: Page) => {
            await page.addInitScript({ path: CHALLENGE_PROBE });
            await page.clock.install();
          };
          await withPage({ browser, url: `${server.url}/element.html`, before }, async ({ page }) => {
            const inFlight = trackRequests(page);
            await page.evaluate((options) => window.submitBench.setUp(options), {
              appKey,
              product: config.product,
              ...(config.serverTokens
                ? {
                    serverTokenUrl: `${STAND_IN_BASE}/__site/server-token?app_key=${encodeURIComponent(appKey)}`,
                  }
                : {}),
            });
            if (config.product !== 'bind') await page.evaluate(() => window.submitBench.solve());
            for (let idle = 0; idle < idleS * 1000; idle += STEP_MS) {
              offset += STEP_MS;
              await page.clock.runFor(STEP_MS);
              await settle(inFlight);
            }
            const { token, toSubmit } = await page.evaluate(async () => {
              const submitted = await window.submitBench.submit({ withWidget: true });
              return { token: submitted.token, toSubmit: window.__challengeRequests };
            });
            if (!token) throw new Error(`challenges: ${appKey} submitted without a token`);
            await page.evaluate(() => window.submitBench.ready());
            await settle(inFlight);
            const expired = config.product !== 'bind' && idleS >= PASS_TOKEN_TTL_S;
            rows.push({
              product: config.product,
              serverTokens: config.serverTokens,
              idleS,
              toSubmit,
              preloadedAfter: fetches() - toSubmit,
              floor: 1 + (expired ? 1 : 0),
              blindReset: 1 + Math.floor(idleS / BLIND_RESET_S),
            });
          });
        }
      }
    });
    return rows;
  },
  report(rows) {
    const summary = [
      'Challenge fetches (what CaptchaLa bills) for one user who loads the page, solves (`popup`; `bind` solves on',
      "submit), idles, then submits; both clocks faked together (Playwright `page.clock` and the stand-in's `now`).",
      '"ours" counts until the submission went out; "+ next" is the challenge the kit preloads right after it for the',
      'next submission (spent if the user submits again, wasted if they leave).',
      '',
      '| product | server tokens | idle | ours | + next | floor | blind reset every 250 s |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (row) =>
          `| ${row.product} | ${row.serverTokens ? '`server-token-url`' : '—'} | ${row.idleS / 60} min | **${row.toSubmit}** | +${row.preloadedAfter} | ${row.floor} | ${row.blindReset} |`,
      ),
      '',
      `Ours is above the floor in ${rows.filter((row) => row.toSubmit > row.floor).length} of ${rows.length} cases. Why: every init preloads a challenge`,
      '(the SDK does, to report ready), and an idle user outlives it (the stand-in expires challenges after 120 s), so',
      'the submission fetches another; and a token that expires unused makes the kit re-init at once (so a visible',
      'widget shows a fresh control), preloading one more that expires in turn. Server tokens cost nothing while idle:',
      'the kit fetches one per init, never on a timer.',
    ].join('\n');
    return { summary };
  },
};
