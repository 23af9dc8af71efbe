import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Frame, type Page, test } from '@playwright/test';

// The built docs site (pnpm test:e2e builds it): every page, in both colour schemes, with its live examples running.
const dist = fileURLToPath(new URL('../../docs/dist', import.meta.url));

/** Every page of the site, as the server serves it (`/guide/csp.html`); the examples are specs of their own. */
const PAGES = readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.html') && !file.startsWith('examples/') && file !== '404.html')
  .map((file) => `/${file}`)
  .sort();

test('the site has every page it links to in its sidebar', () => {
  expect(PAGES).toEqual(
    expect.arrayContaining([
      '/index.html',
      '/getting-started/html.html',
      '/getting-started/react.html',
      '/getting-started/vue.html',
      '/getting-started/server.html',
      '/guide/troubleshooting.html',
      '/reference/errors.html',
      '/reference/api/index.html',
    ]),
  );
});

/** The live examples on a page: each frame loaded, and every widget in it done loading (ready, or an error). */
async function examplesSettled(page: Page): Promise<number> {
  const frames = page.locator('iframe[data-live-example]');
  const count = await frames.count();
  for (let index = 0; index < count; index++) {
    const element = frames.nth(index);
    await element.scrollIntoViewIfNeeded(); // lazy frames load once near the viewport
    const frame = (await (await element.elementHandle())?.contentFrame()) as Frame | null;
    expect(frame, `frame ${index} of ${page.url()}`).not.toBeNull();
    await frame!.waitForLoadState('load');
    await expect
      .poll(
        () =>
          frame!.evaluate(() => {
            const widgets = [...document.querySelectorAll('captchala-widget')];
            return (
              document.querySelector('main') !== null &&
              widgets.every((widget) =>
                /^(ready|verified|error|consumed|expired)$/.test(widget.getAttribute('data-status') ?? ''),
              )
            );
          }),
        { timeout: 20_000 },
      )
      .toBe(true);
  }
  return count;
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`docs site, ${scheme} colour scheme`, () => {
    test.use({ colorScheme: scheme });
    for (const path of PAGES) {
      test(`${path}: loads, its live examples run, axe finds nothing`, async ({ page }) => {
        test.setTimeout(90_000);
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
        await examplesSettled(page);
        const { violations } = await new AxeBuilder({ page }).analyze();
        expect(
          violations.map(
            (violation) =>
              `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
          ),
        ).toEqual([]);
      });
    }
  });
}

test('an example on its getting-started page is the live scenario: a widget in it verifies', async ({
  page,
}) => {
  await page.goto('/getting-started/html.html');
  const frame = page.frameLocator('iframe[data-live-example]').first();
  await frame.locator('form[data-scenario="embed"] [data-captchala-fake="checkbox"]').click();
  await expect(frame.locator('form[data-scenario="embed"] captchala-widget')).toHaveAttribute(
    'data-status',
    'verified',
  );
});

test('the search box finds the error reference by code', async ({ page }) => {
  await page.goto('/index.html');
  await page
    .getByRole('button', { name: /search/i })
    .first()
    .click();
  await page.getByRole('searchbox').fill('loader_blocked_csp');
  await expect(page.locator('.VPLocalSearchBox a[href*="reference/errors"]').first()).toBeVisible();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the theming example follows the ${scheme} site: CaptchaLa's ${scheme} UI, a readable status line`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/guide/theming.html');
    const frame = page.frameLocator('iframe[data-live-example]').first();
    const widget = frame.locator('form[data-scenario="theming"] captchala-widget');
    await expect(widget).toHaveAttribute('data-status', 'ready');
    const root = widget.locator('[data-captchala-fake="root"]');
    if (scheme === 'dark') await expect(root).toHaveAttribute('data-theme', 'dark');
    else await expect(root).not.toHaveAttribute('data-theme');
    // The status line takes the page's custom property: a different colour per scheme.
    const colour = await widget.evaluate(
      (element) => getComputedStyle(element.shadowRoot!.querySelector('[part="status"]')!).color,
    );
    expect(colour).toBe(scheme === 'dark' ? 'rgb(158, 203, 255)' : 'rgb(11, 83, 148)');
  });
}
