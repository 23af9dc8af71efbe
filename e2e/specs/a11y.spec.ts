import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

/** Every playground page, each with the widget state worth checking (settled, and with a challenge open). */
const PAGES = [
  'index.html',
  'pages/widget.html',
  'pages/csp.html',
  'pages/plain-sdk.html',
  'pages/faults.html',
  'pages/why-invalid.html',
  'pages/react.html',
  'pages/vue.html',
];

async function settled(page: Page): Promise<void> {
  // Every widget (or the plain SDK) has finished loading: ready, verified, or in error.
  await expect
    .poll(() =>
      page.evaluate(() =>
        [...document.querySelectorAll('captchala-widget')].every((widget) =>
          /^(ready|verified|error|idle|consumed|expired)$/.test(widget.getAttribute('data-status') ?? ''),
        ),
      ),
    )
    .toBe(true);
}

async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${scheme} colour scheme`, () => {
    test.use({ colorScheme: scheme });
    for (const path of PAGES) {
      test(`${path}: no violations`, async ({ page }) => {
        // axe walks every node of the page: CPU-bound, and the longest pages take most of the default 30 s on a
        // busy 2-core machine.
        test.setTimeout(60_000);
        const response = await page.goto(path);
        expect(response?.status()).toBe(200); // the playground 404s unknown pages (appType 'mpa')
        await settled(page);
        expect(await violations(page)).toEqual([]);
      });
    }

    test("the stand-in's challenge panel, open: no violations", async ({ page }) => {
      await page.goto('pages/widget.html');
      await settled(page);
      await page.locator('form[data-scenario="popup"] [data-captchala-fake="trigger"]').click();
      await expect(page.locator('[data-captchala-fake="panel"]')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  });
}
