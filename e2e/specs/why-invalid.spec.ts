import { connectStandIn, type StandInInspection } from '@captchala-kit/testing/stand-in';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../engineTest';

type Side = 'client' | 'server';
type PassToken = StandInInspection['passTokens'][number];

const cause = (page: Page, name: string) => page.locator(`section[data-cause="${name}"]`);
const fact = (section: Locator, side: Side, step: string, key: string) =>
  section.locator(`[data-side="${side}"] [data-step="${step}"] [data-fact="${key}"]`);

/** Runs a section's scenario and waits until it finished (every step waited on what it reproduces). */
async function run(section: Locator): Promise<void> {
  await section.getByRole('button', { name: 'Run' }).click();
  await expect(section).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
}

/** The client and the server name the same reason, side by side. */
async function expectSameReason(section: Locator, reason: string): Promise<void> {
  for (const side of ['client', 'server'] as const) {
    await expect(section).toHaveAttribute(`data-${side}-reason`, reason);
    await expect(section.locator(`[data-side="${side}"] .named`)).toHaveText(`names ${reason}`);
  }
}

/** The pass tokens the stand-in minted for a section's widget (its key is `~tag`ged per page load), oldest first. */
async function tokensOf(baseURL: string | undefined, section: Locator): Promise<PassToken[]> {
  const appKey = await section.locator('captchala-widget').getAttribute('app-key');
  const state = await connectStandIn({ baseUrl: new URL('/__captchala', baseURL).href }).inspect();
  return state.passTokens.filter((token) => token.appKey === appKey).sort((a, b) => a.issuedAt - b.issuedAt);
}

/** A token as the page may show it: its prefix and six characters. */
const shown = (token: PassToken) => `${token.token.slice(0, 9)}…`;

/** The page shows prefixes only: no minted token appears whole. */
async function expectPrefixesOnly(page: Page, tokens: PassToken[]): Promise<void> {
  const text = (await page.locator('main').textContent()) ?? '';
  for (const token of tokens) expect(text).not.toContain(token.token);
}

test.beforeEach(async ({ page }) => {
  await page.goto('pages/why-invalid.html');
  // The page's script wires the Run buttons before it defines the element: a ready widget means both happened.
  await expect(cause(page, 'replay').locator('captchala-widget')).toHaveAttribute('data-status', 'ready');
});

test('1. expired before submit: the widget drops the token, the server names it token_expired, the next submit is fresh', async ({
  page,
  baseURL,
}) => {
  const section = cause(page, 'expired');
  await section.getByRole('button', { name: 'Run' }).click();
  await expect(section).toHaveAttribute('data-state', 'awaiting-solve');
  await section.locator('[data-captchala-fake="checkbox"]').click();
  await expect(section).toHaveAttribute('data-state', 'done', { timeout: 15_000 });

  await expectSameReason(section, 'token_expired');
  await expect(fact(section, 'client', 'element', 'event')).toContainText('captchala-expired');
  await expect(fact(section, 'client', 'element', 'status')).toHaveText('expired');
  await expect(fact(section, 'client', 'stale', 'answer')).toContainText('403 token_expired');
  await expect(fact(section, 'server', 'stale', 'verdict')).toHaveText('invalid: token_expired');
  await expect(section).toHaveAttribute('data-next-verdict', 'valid');

  const [stale, fresh] = await tokensOf(baseURL, section);
  expect(stale).toMatchObject({ expired: true, consumed: false, validations: 1 });
  expect(fresh).toMatchObject({ consumed: true, validations: 1 });
  await expect(fact(section, 'client', 'element', 'solved')).toHaveText(shown(stale!));
  await expect(fact(section, 'client', 'next', 'token')).toHaveText(shown(fresh!));
  await expectPrefixesOnly(page, [stale!, fresh!]);
});

test('2. replayed: the widget is consumed, the server names the replay token_consumed, the next submit is fresh', async ({
  page,
  baseURL,
}) => {
  const section = cause(page, 'replay');
  await run(section);

  await expectSameReason(section, 'token_consumed');
  await expect(fact(section, 'client', 'first', 'status')).toHaveText('consumed');
  await expect(fact(section, 'client', 'first', 'answer')).toHaveText('200 valid');
  await expect(fact(section, 'client', 'replay', 'answer')).toContainText('403 token_consumed');
  await expect(fact(section, 'server', 'replay', 'verdict')).toHaveText('invalid: token_consumed');
  await expect(section).toHaveAttribute('data-next-verdict', 'valid');

  const [first, next] = await tokensOf(baseURL, section);
  expect(first).toMatchObject({ consumed: true, validations: 2 });
  expect(next).toMatchObject({ consumed: true, validations: 1 });
  await expect(fact(section, 'client', 'first', 'token')).toHaveText(shown(first!));
  await expect(fact(section, 'client', 'next', 'token')).toHaveText(shown(next!));
  await expectPrefixesOnly(page, [first!, next!]);
});

test('3. backend validation failed: a wrong secret is misconfigured, a 503 is unavailable, neither an invalid token', async ({
  page,
  baseURL,
}) => {
  const secret = cause(page, 'wrong-secret');
  const outage = cause(page, 'unavailable');
  await Promise.all([run(secret), run(outage)]);

  await expectSameReason(secret, 'misconfigured');
  await expect(fact(secret, 'server', 'submit', 'verdict')).toHaveText('misconfigured: invalid_app_secret');
  await expect(fact(secret, 'server', 'submit', 'diagnostic')).toContainText('"level": "error"');
  // Generic to the user: the answer names the kind, never which credential.
  await expect(fact(secret, 'client', 'submit', 'answer')).toContainText('503 misconfigured');
  await expect(secret.locator('[data-side="client"]')).not.toContainText('secret');
  // CaptchaLa checks credentials first: the token was not spent.
  const [unspent] = await tokensOf(baseURL, secret);
  expect(unspent).toMatchObject({ consumed: false, validations: 0 });

  await expectSameReason(outage, 'unavailable');
  await expect(fact(outage, 'server', 'submit', 'verdict')).toHaveText('unavailable: provider_error');
  await expect(fact(outage, 'server', 'submit', 'diagnostic')).toContainText('"statusCode": 503');
  await expect(fact(outage, 'client', 'submit', 'answer')).toContainText('503 unavailable');
  await expect(outage.locator('[data-side="client"]')).not.toContainText('invalid');
  await expectPrefixesOnly(page, [unspent!, ...(await tokensOf(baseURL, outage))]);
});

test("4. IP mismatch behind a proxy: left-most parsing names token_ip_mismatch, getClientIp's x-forwarded-for validates", async ({
  page,
  baseURL,
}) => {
  const section = cause(page, 'ip');
  await run(section);

  await expectSameReason(section, 'token_ip_mismatch');
  await expect(fact(section, 'server', 'naive-issue', 'bound-ip')).toHaveText(
    '127.0.0.1 (naive: left-most X-Forwarded-For entry)',
  );
  await expect(fact(section, 'server', 'naive', 'forwarded')).toHaveText('203.0.113.9, 127.0.0.1');
  await expect(fact(section, 'server', 'naive', 'client-ip')).toHaveText('203.0.113.9');
  await expect(fact(section, 'server', 'naive', 'verdict')).toHaveText('invalid: token_ip_mismatch');

  await expect(section).toHaveAttribute('data-trusted-verdict', 'valid');
  await expect(section).toHaveAttribute('data-ip-source', 'x-forwarded-for');
  await expect(fact(section, 'server', 'trusted-issue', 'bound-ip')).toHaveText(
    '127.0.0.1 (x-forwarded-for)',
  );
  await expect(fact(section, 'server', 'trusted', 'forwarded')).toHaveText('203.0.113.9, 127.0.0.1');
  await expect(fact(section, 'server', 'trusted', 'client-ip')).toHaveText('127.0.0.1');
  await expect(fact(section, 'server', 'trusted', 'diagnostic')).toContainText(
    '"clientIpSource": "x-forwarded-for"',
  );
  await expectPrefixesOnly(page, await tokensOf(baseURL, section));
});

test('5. loader blocked by CSP: the widget and the CSP report both name loader_blocked_csp, nothing is submitted', async ({
  page,
}) => {
  const section = cause(page, 'csp');
  await run(section);

  await expectSameReason(section, 'loader_blocked_csp');
  await expect(fact(section, 'client', 'load', 'message')).toContainText('(script-src-elem)');
  // The submit was refused at once with the same code (a submission would have been reported instead)…
  await expect(fact(section, 'client', 'submit', 'outcome')).toHaveText('captchala-error loader_blocked_csp');
  // …and the route, asked after that answer, received nothing.
  await expect(section).toHaveAttribute('data-submissions', '0');
  await expect(fact(section, 'server', 'run', 'csp-report')).toContainText(
    'script-src-elem refused http://127.0.0.1',
  );
});

test('6. a CSRF failure: the server names csrf_failed, the token is never validated, the next submit is fresh', async ({
  page,
  baseURL,
}) => {
  const section = cause(page, 'csrf');
  await run(section);

  await expectSameReason(section, 'csrf_failed');
  await expect(fact(section, 'client', 'first', 'answer')).toContainText('403 csrf_failed');
  await expect(fact(section, 'server', 'first', 'token')).toContainText('never validated');
  await expect(fact(section, 'server', 'first', 'diagnostic')).toHaveCount(0);
  await expect(section).toHaveAttribute('data-first-validations', '0');
  await expect(section).toHaveAttribute('data-next-verdict', 'valid');

  const [refused, next] = await tokensOf(baseURL, section);
  expect(refused).toMatchObject({ consumed: false, validations: 0 });
  expect(next).toMatchObject({ consumed: true, validations: 1 });
  await expect(fact(section, 'client', 'first', 'token')).toHaveText(shown(refused!));
  await expect(fact(section, 'client', 'next', 'token')).toHaveText(shown(next!));
  await expectPrefixesOnly(page, [refused!, next!]);
});

test('7. a forged client_ token: both sides name client_only_token, CaptchaLa is never asked, the opt-in still refuses', async ({
  page,
}) => {
  const section = cause(page, 'forged');
  await run(section);

  await expectSameReason(section, 'client_only_token');
  await expect(fact(section, 'client', 'first', 'answer')).toContainText('403 client_only_token');
  await expect(fact(section, 'server', 'first', 'verdict')).toHaveText('invalid: client_only_token');
  await expect(section).toHaveAttribute('data-captchala-calls', '0');
  await expect(section).toHaveAttribute('data-opt-in-verdict', 'token_action_mismatch');
  await expect(fact(section, 'server', 'opt-in', 'verdict')).toHaveText('invalid: token_action_mismatch');
});
