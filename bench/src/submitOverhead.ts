import type { Benchmark } from './harness/Benchmark';
import { withPage } from './harness/openPage';
import { withBenchServer } from './harness/startBenchServer';
import { formatSpread, type Spread, spread } from './harness/stats';

const ROUNDS = 40;
const APP_KEY = 'test_auto_pass~submit';
const PRODUCT = 'popup';

export interface SubmitOverheadResult {
  rounds: number;
  crossOriginIsolated: boolean;
  /** Fresh token: `requestSubmit()` → the page's own submit handler, ms. */
  fresh: { kit: Spread; plain: Spread; added: Spread };
  /** No token: `requestSubmit()` → challenge → re-submission reaches the page's handler, ms; beside the stand-in's own. */
  challenge: { kit: Spread; hand: Spread; added: Spread };
}

/**
 * The time a submission spends in the kit: with a fresh token (against the same form without a widget), and when a
 * challenge is needed (`test_auto_pass` solves as soon as shown) against the stand-in's own challenge time
 * (`showCaptcha()` → `onSuccess` on a ready, hand-made SDK instance). Production build, same page, alternating.
 */
export const submitOverhead: Benchmark<SubmitOverheadResult> = {
  name: 'submit-overhead',
  title: 'Submit overhead',
  async run({ browser, pages }) {
    return withBenchServer({ root: pages.production }, (server) =>
      withPage({ browser, url: `${server.url}/element.html` }, async ({ page }) => {
        await page.evaluate((options) => window.submitBench.setUp(options), {
          appKey: APP_KEY,
          product: PRODUCT,
        });
        const submit = async (withWidget: boolean) => {
          const { ms, token } = await page.evaluate((options) => window.submitBench.submit(options), {
            withWidget,
          });
          if (withWidget && !token) throw new Error('submit-overhead: a submission went out without a token');
          return ms;
        };
        const fresh = { kit: [] as number[], plain: [] as number[] };
        const challenge = { kit: [] as number[], hand: [] as number[] };
        // One unmeasured round of each path first: everything compiled, the SDK loaded.
        for (let round = -1; round < ROUNDS; round++) {
          await page.evaluate(() => window.submitBench.solve());
          const kitFresh = await submit(true);
          const plain = await submit(false);
          await page.evaluate(() => window.submitBench.ready());
          const kitChallenge = await submit(true);
          await page.evaluate(() => window.submitBench.ready());
          const hand = await page.evaluate((options) => window.submitBench.handChallenge(options), {
            appKey: `${APP_KEY}-hand`,
            product: PRODUCT,
          });
          if (round < 0) continue;
          fresh.kit.push(kitFresh);
          fresh.plain.push(plain);
          challenge.kit.push(kitChallenge);
          challenge.hand.push(hand);
        }
        const paired = (a: number[], b: number[]) =>
          spread(a.map((value, index) => value - (b[index] as number)));
        return {
          rounds: ROUNDS,
          crossOriginIsolated: await page.evaluate(() => crossOriginIsolated),
          fresh: {
            kit: spread(fresh.kit),
            plain: spread(fresh.plain),
            added: paired(fresh.kit, fresh.plain),
          },
          challenge: {
            kit: spread(challenge.kit),
            hand: spread(challenge.hand),
            added: paired(challenge.kit, challenge.hand),
          },
        };
      }),
    );
  },
  report(result) {
    const summary = [
      `${result.rounds} submissions of each kind (production build, \`${PRODUCT}\`, \`test_auto_pass\`), ms, median (min–max);`,
      `"added" pairs each kit submission with the one measured next to it.${result.crossOriginIsolated ? '' : ' (The page was not cross-origin isolated: timer resolution is coarse.)'}`,
      '',
      '| submission | kit | without the kit | added by the kit |',
      '| --- | ---: | ---: | ---: |',
      `| fresh token: \`requestSubmit()\` → the page's submit handler | ${formatSpread(result.fresh.kit, 3)} | ${formatSpread(result.fresh.plain, 3)} (form without a widget) | **${formatSpread(result.fresh.added, 3)}** |`,
      `| challenge needed: \`requestSubmit()\` → challenge → re-submission reaches the handler | ${formatSpread(result.challenge.kit)} | ${formatSpread(result.challenge.hand)} (stand-in's own \`showCaptcha()\` → \`onSuccess\`) | **${formatSpread(result.challenge.added)}** |`,
    ].join('\n');
    return { summary };
  },
};
