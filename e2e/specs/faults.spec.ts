import { connectStandIn } from '@captchala-kit/testing/stand-in';
import type { Page } from '@playwright/test';
import { expect, test } from '../engineTest';

const scenario = (page: Page, name: string) => page.locator(`form[data-scenario="${name}"]`);
const logged = (page: Page, text: string) => page.locator('#log li', { hasText: text });

/** What the stand-in minted and validated for a form's widgets (their keys are `~tag`ged per page load). */
async function mintedFor(page: Page, baseURL: string | undefined, name: string) {
  const keys = await scenario(page, name)
    .locator('captchala-widget')
    .evaluateAll((widgets) => widgets.map((widget) => widget.getAttribute('app-key')));
  const state = await connectStandIn({ baseUrl: new URL('/__captchala', baseURL).href }).inspect();
  const tokens = state.passTokens.filter((token) => keys.includes(token.appKey)).map((token) => token.token);
  return { tokens, validations: state.validations.filter((validation) => tokens.includes(validation.token)) };
}

test.beforeEach(async ({ page }) => {
  // Each page load tags its keys (`test_flaky_2~…`): specs running side by side share no stand-in counters.
  await page.goto('pages/faults.html');
  await expect(page.locator('form[data-scenario="variants"] captchala-widget').first()).toHaveAttribute(
    'data-status',
    'ready',
  );
});

test('a flaky first init: the error shows, the next submit recovers and the form goes through', async ({
  page,
}) => {
  const form = scenario(page, 'flaky');
  await expect(form.locator('captchala-widget')).toHaveAttribute('data-status', 'error');
  await expect(logged(page, '[flaky] captchala-error rate_limit_exceeded')).toHaveCount(1);
  await form.getByRole('button', { name: 'Log in' }).click();
  // The second init is refused too; the one after it (a later click, after the backoff) works.
  await expect(logged(page, '[flaky] captchala-error rate_limit_exceeded')).toHaveCount(2);
  await form.getByRole('button', { name: 'Log in' }).click();
  await page.locator('[data-captchala-fake="solve"]').click();
  await expect(logged(page, '[flaky] backend: valid')).toHaveCount(1);
  await expect(form.getByLabel('Email')).toHaveValue('ada@example.test');
  // "Make it flaky again": a new key, refused again, and recovered again.
  await form.getByRole('button', { name: 'Make it flaky again' }).click();
  await expect(logged(page, '[flaky] captchala-error rate_limit_exceeded')).toHaveCount(3);
});

test('a disabled app: every submit fails at once, with its code, and nothing is sent', async ({ page }) => {
  const form = scenario(page, 'disabled');
  await expect(logged(page, '[disabled] captchala-error app_disabled')).toHaveCount(1);
  await form.getByRole('button', { name: 'Log in' }).click();
  await expect(logged(page, '[disabled] captchala-error app_disabled')).toHaveCount(2);
  await form.getByRole('button', { name: 'Log in' }).click();
  await expect(logged(page, '[disabled] captchala-error app_disabled')).toHaveCount(3);
  await expect(logged(page, '[disabled] submit')).toHaveCount(0);
  await expect(form.locator('captchala-widget [part="status"]')).toContainText('app_disabled');
});

test('short-lived server tokens: one fetch per init, and a submission validates', async ({ page }) => {
  const form = scenario(page, 'short-sct');
  await expect(form.locator('captchala-widget')).toHaveAttribute('data-status', 'ready');
  await form.getByRole('button', { name: 'Post' }).click();
  await page.locator('[data-captchala-fake="solve"]').click();
  await expect(logged(page, '[short-sct] backend: valid')).toHaveCount(1);
  await expect(form.locator('captchala-widget')).toHaveAttribute('data-status', 'consumed');
  // The first init and the re-init after the hand-out; a refresh loop would have made hundreds by now.
  await expect(form.locator('[data-sct-count]')).toHaveText('2');
});

test('an endpoint answering stale server tokens: server_token_fetch_failed after 3 tries', async ({
  page,
}) => {
  const form = scenario(page, 'stale-sct');
  await expect(logged(page, '[stale-sct] captchala-error server_token_fetch_failed')).toHaveCount(1);
  await expect(form.locator('[data-sct-count]')).toHaveText('3');
});

test('desktop and mobile variants: one submission with one token', async ({ page, baseURL }) => {
  await expect(scenario(page, 'variants').locator('captchala-widget.mobile')).toHaveAttribute(
    'data-status',
    'ready',
  );
  await expect(logged(page, '[variants] captchala-ready')).toHaveCount(2);
  await scenario(page, 'variants').getByRole('button', { name: 'Search' }).click();
  await expect(logged(page, '[variants] backend: valid')).toHaveCount(1);
  // The widget that handed its token out re-inits and is ready again: a looping re-submission would have asked
  // it for another token by then.
  await expect(logged(page, '[variants] captchala-ready')).toHaveCount(3);
  await expect(logged(page, '[variants] submit (1 token)')).toHaveCount(1);
  await expect(logged(page, '[variants] submit')).toHaveCount(1);
  const { tokens, validations } = await mintedFor(page, baseURL, 'variants');
  expect(tokens).toHaveLength(1);
  expect(validations).toMatchObject([{ valid: true }]);
});

test('two visible widgets: one submission carrying both tokens', async ({ page, baseURL }) => {
  for (const widget of await scenario(page, 'two-visible').locator('captchala-widget').all()) {
    await expect(widget).toHaveAttribute('data-status', 'ready');
  }
  await expect(logged(page, '[two-visible] captchala-ready')).toHaveCount(2);
  await scenario(page, 'two-visible').getByRole('button', { name: 'Send' }).click();
  await expect(logged(page, '[two-visible] backend: valid')).toHaveCount(1);
  // Both widgets handed out a token, re-init and are ready again: a loop would have needed new tokens by then.
  await expect(logged(page, '[two-visible] captchala-ready')).toHaveCount(4);
  await expect(logged(page, '[two-visible] submit (2 tokens)')).toHaveCount(1);
  await expect(logged(page, '[two-visible] submit')).toHaveCount(1);
  // The backend validates the form's first field; the second widget's token went along, unspent.
  const { tokens, validations } = await mintedFor(page, baseURL, 'two-visible');
  expect(tokens).toHaveLength(2);
  expect(validations).toMatchObject([{ valid: true }]);
});

test('bad attributes: each has its own code; fixing the value starts the widget', async ({ page }) => {
  const error = page.locator('#bad-error');
  await expect(error).toContainText('invalid_token_ttl');
  for (const [attribute, value, code] of [
    ['refresh-margin', '-50', 'invalid_refresh_margin'],
    ['loading', 'lazy', 'invalid_loading'],
    ['product', 'inline', 'invalid_product'],
    ['theme', '{"custom":', 'invalid_theme'],
    ['loader-src', 'https://evil.example/x.js', 'loader_src_not_allowed'],
  ] as const) {
    await page.locator('#bad-attribute').selectOption(attribute);
    await page.locator('#bad-value').fill(value);
    await expect(error).toContainText(code);
  }
  await page.locator('#bad-attribute').selectOption('token-ttl');
  await page.locator('#bad-value').fill('60');
  await expect(error).toHaveText('none: the widget is ready');
});
