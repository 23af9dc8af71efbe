import { expect, test } from '../engineTest';

/** What the page's own listener recorded: one line per `securitypolicyviolation` event since its first script. */
const violations = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

test('strict CSP with a nonce: the loader tag carries the nonce, no violation, and a submission validates', async ({
  page,
}) => {
  await page.goto('pages/csp.html');
  await expect(page.locator('#csp-widget')).toHaveAttribute('data-status', 'ready');
  const nonce = await page
    .locator('script[src*="captchala-loader.js"]')
    .evaluate((s) => (s as HTMLScriptElement).nonce);
  expect(nonce).toBe('playground-nonce');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('[data-captchala-fake="solve"]').click();
  await expect(page.locator('#result')).toContainText('"ok": true');
  // No securitypolicyviolation event from the page's first script on: loading, the challenge, the submission.
  expect(await violations(page)).toEqual([]);
  await expect(page.locator('#violations')).toHaveText('CSP violations: none');

  // The recorder hears this engine's violations: an inline handler (no nonce can allow it) is one, and counts.
  await page.evaluate(() => {
    const probe = document.createElement('button');
    probe.setAttribute('onclick', 'void 0');
    document.body.append(probe);
    probe.click();
    probe.remove();
  });
  await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^script-src(-attr)? blocked/)]);
});
