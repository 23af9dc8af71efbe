import { expect, solve } from '@captchala-kit/testing/playwright';
import { connectStandIn } from '@captchala-kit/testing/stand-in';
import { test } from '@playwright/test';

test('plain form: solve, submit, the stand-in validates the token once and rejects its replay', async ({
  page,
  baseURL,
}) => {
  await page.goto('pages/plain-sdk.html');
  await expect(page.locator('#status')).toHaveText('ready: solve the challenge');
  await solve(page, { within: '#captcha' });
  await expect(page.locator('#status')).toContainText('solved: pt_');
  const token = await page.locator('#token').inputValue();
  expect(token).toMatch(/^pt_[0-9a-f]{32}$/);

  await page.locator('#submit').click();
  await expect(page.locator('#result')).toContainText('"ok": true');
  const answer = JSON.parse((await page.locator('#result').textContent()) ?? '{}');
  // The backend echoes only the token's prefix and a few characters, never the whole token.
  expect(answer).toMatchObject({
    ok: true,
    kind: 'valid',
    token: `${token.slice(0, 9)}…`,
    fields: { email: 'ada@example.test', product: 'popup' },
  });
  expect(JSON.stringify(answer)).not.toContain(token);
  expect(answer.validation.data).toMatchObject({ valid: true, action: 'signup' });

  await page.locator('#replay').click();
  await expect(page.locator('#result')).toContainText('token_consumed');
  const replayed = JSON.parse((await page.locator('#result').textContent()) ?? '{}');
  expect(replayed).toMatchObject({ ok: false, kind: 'invalid', reason: 'token_consumed' });

  const state = await connectStandIn({ baseUrl: new URL('/__captchala', baseURL).href }).inspect();
  const record = state.passTokens.find((t) => t.token === token);
  expect(record).toMatchObject({ consumed: true, validations: 2 });
  expect(state.validations.filter((v) => v.token === token).map((v) => v.reason)).toEqual([
    null,
    'token_consumed',
  ]);
});

test('plain form: the SDK buttons inside the form never submit it', async ({ page }) => {
  await page.goto('pages/plain-sdk.html');
  await expect(page.locator('#status')).toHaveText('ready: solve the challenge');
  // A submit event fires synchronously with the click that causes it: after these clicks, none happened.
  await page.locator('[data-captchala-fake="trigger"]').click();
  await solve(page, { within: '#captcha' });
  await expect(page.locator('#status')).toContainText('solved: pt_');
  await expect(page.locator('#signup')).not.toHaveAttribute('data-submits');
  await page.locator('#submit').click();
  await expect(page.locator('#signup')).toHaveAttribute('data-submits', '1');
  await expect(page.locator('#result')).toContainText('"ok": true');
});
