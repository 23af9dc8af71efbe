import { connectStandIn } from '@captchala-kit/testing/stand-in';
import { expect, type Page, test } from '@playwright/test';
import { submittedToken } from './submittedToken';

const form = (page: Page) => page.locator('form[data-scenario="server-token"]');
const row = (page: Page) => page.locator('#panel tr[data-scenario="server-token"]');

test('server tokens from the kit’s own /api/server-token: each submission validates for its action, the next runs on a new sct_', async ({
  page,
  baseURL,
}) => {
  // Every sct_ the playground's createServerTokenHandler handed this page, in order.
  const issued: string[] = [];
  page.on('response', async (response) => {
    if (new URL(response.url()).pathname !== '/api/server-token') return;
    expect(response.request().method()).toBe('POST');
    expect(response.request().postDataJSON()).toEqual({ action: 'login' });
    issued.push(((await response.json()) as { server_token: string }).server_token);
  });
  await page.goto('pages/widget.html');
  await expect(row(page).locator('td').nth(1)).toHaveText('ready');
  await expect.poll(() => issued.length).toBeGreaterThan(0);
  // Counted from here: a cold Vite cache may reload the page once while it loads, which inits it again.
  const before = issued.length;

  const submitOnce = async () => {
    const answer = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/submit');
    await form(page).getByRole('button', { name: 'Log in' }).click();
    await page.locator('[data-captchala-fake="solve"]').click();
    const response = await answer;
    expect(await response.json()).toMatchObject({
      ok: true,
      kind: 'valid',
      fields: { username: 'ada', intent: 'login' },
      validation: { data: { valid: true, action: 'login' } },
    });
    return submittedToken(response.request());
  };
  const first = await submitOnce();
  // The hand-out consumed the challenge the first sct_ paid for: the widget re-inits on a fresh one.
  await expect.poll(() => issued.length).toBe(before + 1);
  const second = await submitOnce();
  await expect.poll(() => issued.length).toBe(before + 2);
  const used = issued.slice(before - 1);
  expect(new Set(used).size).toBe(3);
  expect(second).not.toBe(first);

  // The stand-in saw what the page saw: three server tokens for this app and action, the first two spent by
  // one challenge each, and both pass tokens validated once, as valid.
  const state = await connectStandIn({ baseUrl: new URL('/__captchala', baseURL).href }).inspect();
  const records = used.map((token) => state.serverTokens.find((record) => record.token === token));
  expect(records).toMatchObject([
    { appKey: 'test_server_token', action: 'login', uses: 1 },
    { appKey: 'test_server_token', action: 'login', uses: 1 },
    { appKey: 'test_server_token', action: 'login' },
  ]);
  for (const token of [first, second]) {
    expect(state.validations.filter((validation) => validation.token === token)).toMatchObject([
      { valid: true, reason: null },
    ]);
    expect(state.passTokens.find((record) => record.token === token)).toMatchObject({
      action: 'login',
      consumed: true,
    });
  }
});
