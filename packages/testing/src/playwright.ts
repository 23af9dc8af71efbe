import { test as base, expect, type Page } from '@playwright/test';
import { type FakeCaptchala, type StartFakeCaptchalaOptions, startFakeCaptchala } from './startFakeCaptchala';

export interface SolveOptions {
  /** Restrict the search to one widget (a locator's root), when a page has several. */
  within?: string;
}

export interface CaptchalaFixture extends FakeCaptchala {
  /**
   * Solves the visible challenge as a person would: clicks the embed checkbox, or the trigger and then the
   * panel's verify button. Resolves once the panel is gone.
   */
  solve(page: Page, options?: SolveOptions): Promise<void>;
}

async function solve(page: Page, options: SolveOptions = {}): Promise<void> {
  const scope = options.within ? page.locator(options.within) : page.locator('body');
  const panel = page.locator('[data-captchala-fake="panel"]');
  if (!(await panel.isVisible())) {
    const opener = scope.locator('[data-captchala-fake="checkbox"], [data-captchala-fake="trigger"]').first();
    await opener.click();
  }
  const isEmbed = (await scope.locator('[data-captchala-fake="checkbox"]').count()) > 0;
  if (!isEmbed) await panel.locator('[data-captchala-fake="solve"]').click();
  await expect(panel).toHaveCount(0);
}

/**
 * Playwright `test` with a worker-scoped `captchala` fixture: an offline CaptchaLa started for the worker and
 * closed after it, plus `captchala.solve(page)`. Options through `test.use({captchalaOptions: {...}})`.
 */
export const test = base.extend<
  object,
  { captchala: CaptchalaFixture; captchalaOptions: StartFakeCaptchalaOptions }
>({
  captchalaOptions: [{}, { scope: 'worker', option: true }],
  captchala: [
    async ({ captchalaOptions }, use) => {
      const fake = await startFakeCaptchala(captchalaOptions);
      await use({ ...fake, solve });
      await fake.close();
    },
    { scope: 'worker' },
  ],
});

export { expect, solve };
