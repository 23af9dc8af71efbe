import { connectStandIn } from '@captchala-kit/testing/stand-in';
import { expect, nextResponse, test } from '../engineTest';

const scenario = (page: import('@playwright/test').Page, name: string) =>
  page.locator(`form[data-scenario="${name}"]`);
const row = (page: import('@playwright/test').Page, name: string) =>
  page.locator(`#panel tr[data-scenario="${name}"]`);

test.beforeEach(async ({ page }) => {
  await page.goto('pages/widget.html');
  for (const name of ['popup', 'float', 'embed', 'bind', 'short-ttl', 'native']) {
    await expect(row(page, name).locator('td').nth(1)).toHaveText('ready');
  }
});

test('popup: submit without solving → one challenge, then the clicked button submits a valid token', async ({
  page,
}) => {
  const form = scenario(page, 'popup');
  await form.getByRole('button', { name: 'Publish' }).click();
  await page.locator('[data-captchala-fake="solve"]').click();
  await expect(row(page, 'popup').locator('td').nth(5)).toHaveText('valid');
  await expect(page.locator('#log')).toContainText('[popup] submit → pt_');
  await expect(page.locator('#log')).toContainText('intent=publish');
  // Second submission: a new challenge, a new token, valid again (never token_consumed).
  await form.getByRole('button', { name: 'Save' }).click();
  await page.locator('[data-captchala-fake="solve"]').click();
  await expect(page.locator('#log li', { hasText: '[popup] backend: valid' })).toHaveCount(2);
  await expect(page.locator('#log')).not.toContainText('token_consumed');
});

test('embed: a solved token shows its age and countdown, and goes out as is', async ({ page }) => {
  const form = scenario(page, 'embed');
  await form.locator('[data-captchala-fake="checkbox"]').click();
  await expect(row(page, 'embed').locator('td').nth(1)).toHaveText('verified');
  await expect(row(page, 'embed').locator('td').nth(4)).toHaveText(/^1[01]\d\.\d s$/);
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(row(page, 'embed').locator('td').nth(5)).toHaveText('valid');
  await expect(row(page, 'embed').locator('td').nth(1)).toHaveText('consumed');
});

test('bind: invisible, the submission gets a token with no interaction', async ({ page }) => {
  await scenario(page, 'bind').getByRole('button', { name: 'Search' }).click();
  await expect(row(page, 'bind').locator('td').nth(5)).toHaveText('valid');
});

test('short-lived token: dropped when stale; the next submit sends a fresh one', async ({ page }) => {
  const form = scenario(page, 'short-ttl');
  await form.locator('[data-captchala-fake="checkbox"]').click();
  await expect(row(page, 'short-ttl').locator('td').nth(1)).toHaveText('verified');
  await expect(row(page, 'short-ttl').locator('td').nth(1)).toHaveText('expired', { timeout: 8_000 });
  await expect(page.locator('#log')).toContainText('[short-ttl] captchala-expired');
  await form.getByRole('button', { name: 'Verify' }).click();
  await page.locator('[data-captchala-fake="solve"]').click();
  await expect(row(page, 'short-ttl').locator('td').nth(5)).toHaveText('valid');
});

test('closing the challenge submits nothing and keeps what was typed', async ({ page }) => {
  const form = scenario(page, 'float');
  const submits = page.locator('#log li', { hasText: '[float] submit' });
  await form.getByLabel('Comment').fill('typed by a person');
  await form.getByRole('button', { name: 'Post' }).click();
  await page.locator('[data-captchala-fake="close"]').click();
  await expect(page.locator('#log')).toContainText('[float] captchala-close');
  await expect(form.getByLabel('Comment')).toHaveValue('typed by a person');
  // The next attempt goes through: exactly one submission in the log, so the closed one sent none.
  await form.getByRole('button', { name: 'Post' }).click();
  await page.locator('[data-captchala-fake="solve"]').click();
  await expect(row(page, 'float').locator('td').nth(5)).toHaveText('valid');
  await expect(submits).toHaveCount(1);
});

test('language switches live for every widget: the SDK, the status line and its lang', async ({ page }) => {
  await page.locator('#lang').selectOption('ja');
  const popup = scenario(page, 'popup');
  await expect(popup.locator('[data-captchala-fake="trigger"]')).toHaveText('クリックして認証');
  await expect(popup.locator('captchala-widget [part="status"]')).toHaveText('認証の準備ができました');
  await expect(popup.locator('captchala-widget [part="status"]')).toHaveAttribute('lang', 'ja');
  await page.locator('#lang').selectOption('');
  await expect(popup.locator('captchala-widget [part="status"]')).toHaveText('Ready to verify');
});

test('native navigation: the held submission re-submits natively with a fresh token and the clicked button', async ({
  page,
}) => {
  await scenario(page, 'native').getByRole('button', { name: 'Post and navigate' }).click();
  await page.waitForURL('**/api/submit**');
  const answer = JSON.parse((await page.locator('body').textContent()) ?? '{}');
  expect(answer).toMatchObject({ ok: true, fields: { title: 'Native post', intent: 'native' } });
});

test('the event log and the status panel show token prefixes, never a submitted token whole', async ({
  page,
  baseURL,
}) => {
  const started = Date.now();
  const embed = scenario(page, 'embed');
  await embed.locator('[data-captchala-fake="checkbox"]').click();
  await expect(page.locator('#log')).toContainText('[embed] captchala-success pt_');
  await embed.getByRole('button', { name: 'Send' }).click();
  await expect(row(page, 'embed').locator('td').nth(5)).toHaveText('valid');
  await scenario(page, 'bind').getByRole('button', { name: 'Search' }).click();
  await expect(row(page, 'bind').locator('td').nth(5)).toHaveText('valid');
  await expect(page.locator('#log')).toContainText('[bind] submit → pt_');

  // The tokens the two submissions carried: validated once by the stand-in (it keeps every token it minted),
  // minted during this test for these widgets' keys, and named by this page (other tests share the keys).
  const keys = await Promise.all(
    ['embed', 'bind'].map((name) => scenario(page, name).locator('captchala-widget').getAttribute('app-key')),
  );
  const shown = `${await page.locator('#log').textContent()}\n${await page.locator('#panel').textContent()}`;
  const { passTokens } = await connectStandIn({ baseUrl: new URL('/__captchala', baseURL).href }).inspect();
  const tokens = passTokens
    .filter(
      (minted) =>
        keys.includes(minted.appKey) &&
        minted.issuedAt >= started &&
        minted.validations === 1 &&
        shown.includes(minted.token.slice(0, 10)),
    )
    .map((minted) => minted.token);
  expect(tokens).toEqual([expect.stringMatching(/^pt_\w{16,}$/), expect.stringMatching(/^pt_\w{16,}$/)]);
  for (const token of tokens) {
    expect(shown).toContain(token.slice(0, 10));
    expect(shown).not.toContain(token);
  }
});

test('a form over 64 KB: /api/submit answers 413 payload_too_large as JSON, and the page names it', async ({
  page,
}) => {
  const form = scenario(page, 'bind');
  await form.getByLabel('Search').fill('x'.repeat(70 * 1024));
  const answer = nextResponse(page, (response) => new URL(response.url()).pathname === '/api/submit');
  await form.getByRole('button', { name: 'Search' }).click();
  // On the wire where the engine shows it (Chromium); the page's own account of it below, everywhere.
  const response = await answer;
  if (response) {
    expect(response.status()).toBe(413);
    expect(response.headers()['content-type']).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: { code: 'payload_too_large', message: expect.any(String) },
    });
  }
  await expect(row(page, 'bind').locator('td').nth(5)).toHaveText('rejected: payload_too_large');
  await expect(page.locator('#log li', { hasText: '[bind] backend:' })).toHaveText([
    /\[bind\] backend: rejected: payload_too_large$/,
  ]);
});
