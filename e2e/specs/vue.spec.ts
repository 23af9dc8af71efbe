import type { Page } from '@playwright/test';
import { expect, onConsole, test } from '../engineTest';

const scenario = (page: Page, name: string) => page.locator(`[data-scenario="${name}"]`);

test.beforeEach(async ({ page }) => {
  const warnings: string[] = [];
  // Where the engine reports console messages (not WebKit over WebDriver): no Vue warning while the page loads.
  onConsole(page, (message) => {
    if (message.type() === 'warning' && message.text().includes('[Vue warn]')) warnings.push(message.text());
  });
  await page.goto('pages/vue.html');
  for (const name of ['login', 'vee-validate', 'composable']) {
    await expect(scenario(page, name).locator('captchala-widget')).toHaveAttribute('data-status', 'ready');
  }
  expect(warnings).toEqual([]);
});

test('login: v-model holds the solved token; the submission sends it, valid, and v-model empties', async ({
  page,
}) => {
  const form = scenario(page, 'login');
  await expect(form.locator('[data-model]')).toHaveText('v-model: empty');
  await form.locator('[data-captchala-fake="checkbox"]').click();
  await expect(form.locator('[data-model]')).toHaveText(/^v-model: pt_\w+…$/);
  const held = (await form.locator('[data-model]').textContent())!.match(/pt_\w{4}/)![0];
  await form.getByRole('button', { name: 'Log in' }).click();
  // The backend validated the very token v-model showed (its answer names the token by a prefix).
  await expect(form.locator('[data-answer]')).toHaveText(new RegExp(`^valid \\(${held}`));
  await expect(form.locator('[data-model]')).toHaveText('v-model: empty');
});

test('VeeValidate: the token field turns invalid when the token expires; a submit awaits a fresh one', async ({
  page,
}) => {
  const form = scenario(page, 'vee-validate');
  const tokenError = form.locator('[data-error="captchala_token"]');
  await form.getByLabel('Email').fill('grace@example.test');
  await form.locator('[data-captchala-fake="trigger"]').click();
  await page.locator('[data-captchala-fake="solve"]').click();
  await expect(form.locator('captchala-widget')).toHaveAttribute('data-status', 'verified');
  await expect(tokenError).toHaveText('');
  await expect(form.locator('captchala-widget')).toHaveAttribute('data-status', 'expired', {
    timeout: 8_000,
  });
  await expect(tokenError).toHaveText('Verify that you are human');
  // The submit is held for one challenge, then validated and sent once, with the fresh token.
  await form.getByRole('button', { name: 'Sign up' }).click();
  await page.locator('[data-captchala-fake="solve"]').click();
  await expect(form.locator('[data-answer]')).toHaveText(/^valid \(pt_/);
  await expect(tokenError).toHaveText('');
});

test('VeeValidate: an invalid email is reported, and nothing is sent', async ({ page }) => {
  const form = scenario(page, 'vee-validate');
  await form.getByLabel('Email').fill('not an email');
  await form.getByRole('button', { name: 'Sign up' }).click();
  await page.locator('[data-captchala-fake="solve"]').click();
  await expect(form.locator('[data-error="email"]')).toHaveText('Enter your email address');
  await expect(form.locator('[data-answer]')).toHaveText('—');
});

test('useCaptchala(): getToken() runs the challenge; two sends carry two different valid tokens', async ({
  page,
}) => {
  const box = scenario(page, 'composable');
  const answers: string[] = [];
  for (let i = 0; i < 2; i++) {
    // The first send's answer stays on show until the second's arrives: wait for a new one, not any.
    const before = (await box.locator('[data-answer]').textContent())!;
    await box.getByRole('button', { name: 'Subscribe' }).click();
    await expect(box.locator('[data-state]')).toHaveText('status: solving');
    await page.locator('[data-captchala-fake="solve"]').click();
    await expect(box.locator('[data-answer]')).not.toHaveText(before);
    await expect(box.locator('[data-answer]')).toHaveText(/^valid \(pt_/);
    answers.push((await box.locator('[data-answer]').textContent())!);
    await expect(box.locator('[data-state]')).toHaveText('status: consumed');
    await expect(box.getByRole('button', { name: 'Subscribe' })).toBeEnabled();
  }
  expect(answers[1]).not.toBe(answers[0]);
});

test('useCaptchala(): closing the challenge sends nothing and says why', async ({ page }) => {
  const box = scenario(page, 'composable');
  await box.getByRole('button', { name: 'Subscribe' }).click();
  await page.locator('[data-captchala-fake="close"]').click();
  await expect(box.locator('[data-answer]')).toHaveText('not sent: challenge_closed');
});

test("the plugin's reactive lang default switches every widget live", async ({ page }) => {
  await page.locator('#lang').selectOption('ja');
  for (const name of ['vee-validate', 'composable']) {
    await expect(scenario(page, name).locator('[data-captchala-fake="trigger"]')).toHaveText(
      'クリックして認証',
    );
  }
  await expect(scenario(page, 'login').locator('captchala-widget')).toHaveAttribute('lang', 'ja');
  await page.locator('#lang').selectOption('');
  await expect(scenario(page, 'composable').locator('[data-captchala-fake="trigger"]')).toHaveText(
    'Click to verify',
  );
  await expect(scenario(page, 'login').locator('captchala-widget')).not.toHaveAttribute('lang');
});
