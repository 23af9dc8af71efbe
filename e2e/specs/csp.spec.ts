import { expect, test } from '../engineTest';

test('strict CSP with a nonce: the loader tag carries the nonce, no violation, and a submission validates', async ({
  page,
}) => {
  await page.goto('/pages/csp.html');
  await expect(page.locator('#csp-widget')).toHaveAttribute('data-status', 'ready');
  const nonce = await page
    .locator('script[src*="captchala-loader.js"]')
    .evaluate((s) => (s as HTMLScriptElement).nonce);
  expect(nonce).toBe('playground-nonce');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('[data-captchala-fake="solve"]').click();
  await expect(page.locator('#result')).toContainText('"ok": true');
  // The page records every securitypolicyviolation event from its first script on (in any engine).
  await expect(page.locator('#violations')).toHaveText('CSP violations: none');
});
