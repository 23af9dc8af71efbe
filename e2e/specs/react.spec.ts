import type { Page } from '@playwright/test';
import { expect, test } from '../engineTest';

const scenario = (page: Page, name: string) => page.locator(`[data-scenario="${name}"]`);
const widgetIn = (page: Page, name: string) => scenario(page, name).locator('captchala-widget');
const answerIn = (page: Page, name: string) => scenario(page, name).locator('output[data-answer]');
const panel = (page: Page) => page.locator('[data-captchala-fake="panel"]');

/**
 * Every widget on the page is ready; `loaderRequests` counts the page's fetches of the loader (Resource Timing,
 * which every engine keeps).
 */
async function open(page: Page): Promise<{ loaderRequests: () => Promise<number> }> {
  await page.goto('pages/react.html');
  for (const name of ['react-hook-form', 'action', 'status']) {
    // The page's first load compiles React on demand (Vite's dev server): seconds on a busy 2-core machine.
    await expect(widgetIn(page, name)).toHaveAttribute('data-status', 'ready', { timeout: 15_000 });
  }
  return {
    loaderRequests: () =>
      page.evaluate(
        () =>
          performance
            .getEntriesByType('resource')
            .filter((entry) => new URL(entry.name).pathname.endsWith('/captchala-loader.js')).length,
      ),
  };
}

/** The token (its prefix) a backend answer such as `valid (pt_1a2b…)` echoes. */
const echoed = (answer: string | null) => /\((pt_[^)]+)\)/.exec(answer ?? '')?.[1];

/** Waits for a new `valid (pt_…)` answer in the scenario and returns the token prefix it echoes. */
async function validToken(page: Page, name: string, previous = ''): Promise<string | undefined> {
  await expect(answerIn(page, name)).not.toHaveText(previous);
  await expect(answerIn(page, name)).toHaveText(/^valid \(pt_/);
  return echoed(await answerIn(page, name).textContent());
}

test('StrictMode page: one loader request and one SDK instance per widget', async ({ page }) => {
  const { loaderRequests } = await open(page);
  expect(await loaderRequests()).toBe(1);
  await expect(page.locator('script[src*="captchala-loader.js"]')).toHaveCount(1);
  await expect(page.locator('[data-captchala-fake="root"]')).toHaveCount(3);
});

/**
 * From now on, records the page's form submissions (`submit`) and the scenario widget's status changes, in order;
 * the function returned reads them.
 */
async function recordSubmitsAndStatuses(page: Page, name: string): Promise<() => Promise<string[]>> {
  await widgetIn(page, name).evaluate((widget) => {
    const seen: string[] = [];
    Object.assign(window, { submitsAndStatuses: seen });
    document.addEventListener('submit', () => seen.push('submit'), { capture: true });
    widget.addEventListener('captchala-status', (event) =>
      seen.push((event as CustomEvent<{ status: string }>).detail.status),
    );
  });
  return () =>
    page.evaluate(() => (window as unknown as { submitsAndStatuses: string[] }).submitsAndStatuses);
}

test('react-hook-form: an invalid form asks for no token; each valid submit sends a fresh one', async ({
  page,
}) => {
  await open(page);
  const form = scenario(page, 'react-hook-form');
  const recorded = await recordSubmitsAndStatuses(page, 'react-hook-form');
  await form.getByRole('button', { name: 'Sign up' }).click();
  await expect(form.getByRole('alert')).toHaveText('Enter your email address');
  // Validation failed, so withCaptchalaToken never asked (getToken() on a ready widget would say `solving` at once).
  expect(await recorded()).toEqual(['submit']);
  await form.getByLabel('Email').fill('ada@example.test');
  await form.getByLabel('Password').fill('correct horse');
  await form.getByRole('button', { name: 'Sign up' }).click();
  // The challenge came with the valid submit, and none with the invalid one before it.
  await expect(panel(page)).toBeVisible();
  expect(await recorded()).toEqual(['submit', 'submit', 'solving']);
  await panel(page).locator('[data-captchala-fake="solve"]').click();
  const first = await validToken(page, 'react-hook-form');
  const answered = (await answerIn(page, 'react-hook-form').textContent()) ?? '';
  await form.getByRole('button', { name: 'Sign up' }).click();
  await panel(page).locator('[data-captchala-fake="solve"]').click();
  const second = await validToken(page, 'react-hook-form', answered);
  expect(second).not.toBe(first);
  // Both answers came, each after the one challenge its submit ran.
  const challenges = (await recorded()).filter((entry) => ['submit', 'solving', 'consumed'].includes(entry));
  expect(challenges).toEqual(['submit', 'submit', 'solving', 'consumed', 'submit', 'solving', 'consumed']);
});

test('React 19 action: the token is in the FormData; after a server error the next submit carries a new one', async ({
  page,
}) => {
  await open(page);
  const form = scenario(page, 'action');
  await form.getByLabel('The server says this email is taken').check();
  await form.getByRole('button', { name: 'Sign up' }).click();
  await panel(page).locator('[data-captchala-fake="solve"]').click();
  await expect(answerIn(page, 'action')).toHaveText(
    /^valid \(pt_.*\), then: this email is already registered$/,
  );
  const refused = (await answerIn(page, 'action').textContent()) ?? '';
  // React reset the form after the action: the box is clear again, and the spent token is gone from the widget.
  await expect(form.getByLabel('The server says this email is taken')).not.toBeChecked();
  await form.getByRole('button', { name: 'Sign up' }).click();
  await panel(page).locator('[data-captchala-fake="solve"]').click();
  const accepted = await validToken(page, 'action', refused);
  expect(accepted).not.toBe(echoed(refused));
});

test('useCaptchala() panel: status, token, age and expiry follow the widget; getToken() and reset() work', async ({
  page,
}) => {
  await open(page);
  const box = scenario(page, 'status');
  const field = (name: string) => box.locator(`[data-field="${name}"]`);
  await expect(field('status')).toHaveText('ready');
  await expect(field('token')).toHaveText('—');
  await box.locator('[data-captchala-fake="checkbox"]').click();
  await expect(field('status')).toHaveText('verified');
  await expect(field('token')).toHaveText(/^pt_/);
  await expect(field('expires')).toHaveText(/^[0-8]\.\d s$/);
  await box.getByRole('button', { name: 'getToken()' }).click();
  await expect(answerIn(page, 'status')).toHaveText(/^valid \(pt_/);
  await expect(field('status')).toHaveText('consumed');
  await expect(field('token')).toHaveText('—');
  await box.getByRole('button', { name: 'reset()' }).click();
  await expect(field('status')).toHaveText('ready');
  await expect(field('error')).toHaveText('—');
});

test('useCaptchala() panel: an unused token expires, and the panel says so', async ({ page }) => {
  await open(page);
  const box = scenario(page, 'status');
  await box.locator('[data-captchala-fake="checkbox"]').click();
  await expect(box.locator('[data-field="status"]')).toHaveText('verified');
  await expect(box.locator('[data-field="status"]')).toHaveText('expired', { timeout: 12_000 });
  await expect(box.locator('[data-field="token"]')).toHaveText('—');
});
