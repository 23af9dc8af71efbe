/** How a test app key makes the stand-in behave. */
export const ChallengeBehaviour = {
  /** The user must solve the challenge (click). */
  Interactive: 'interactive',
  /** Solves by itself as soon as a challenge is shown or `verify()` is called. */
  AutoPass: 'auto_pass',
  /** Every solve attempt fails with `verify_failed`. */
  AlwaysFail: 'always_fail',
} as const;
export type ChallengeBehaviour = (typeof ChallengeBehaviour)[keyof typeof ChallengeBehaviour];

/** What a solve mints (contract §3), and so where and how the token validates. */
export const PassTokenPrefix = {
  /** Validates at `/v1/validate`. */
  Pass: 'pt_',
  /** Minted "when the main API is unreachable": validates only at the fallback URL. */
  Offline: 'offline_',
  /** Client-only: no endpoint can verify it (`invalid_token` everywhere). */
  ClientOnly: 'client_',
  /** Degraded (app quota exhausted): `/v1/validate` answers `{valid: false, degraded: true, reason}`. */
  Degraded: 'dg_',
} as const;
export type PassTokenPrefix = (typeof PassTokenPrefix)[keyof typeof PassTokenPrefix];

export interface TestApp {
  appKey: string;
  behaviour: ChallengeBehaviour;
  /** `init` without a `serverToken` fails with `server_token_required`. */
  requiresServerToken: boolean;
  /** Pass-token lifetime for this app, overriding the stand-in's `passTokenTtlMs`. */
  passTokenTtlMs?: number;
  /** Delay before a solve completes. */
  solveDelayMs: number;
  /** Refuse every challenge and API call with this code and HTTP status (`app_disabled`, `rate_limit_exceeded`). */
  refusal?: { code: string; message: string; status: number };
  /** What this app's solves mint (default `pt_`). */
  passTokenPrefix?: PassTokenPrefix;
  /** Every `/v1/*` and fallback call with this key answers this HTTP status (`test_status_<code>`). */
  apiStatus?: number;
  /** The first n challenge fetches (since a reset) are refused with `rate_limit_exceeded` (`test_flaky_<n>`). */
  flakyChallenges?: number;
}

/** The secret every test app key shares. */
export const TEST_APP_SECRET = 'test_secret';

/** Fixed test app keys (see the package README); `test_ttl_<s>` and `test_slow_<ms>` are patterns on top. */
export const TEST_APP_KEYS = {
  /** Passes when the user solves the challenge. */
  pass: 'test_pass',
  /** Passes with no interaction. */
  autoPass: 'test_auto_pass',
  /** Always fails (`verify_failed`). */
  fail: 'test_fail',
  /** Requires a server token (`sct_`) from `/v1/server/challenge/issue`. */
  serverToken: 'test_server_token',
  /** Everything refused with `app_disabled` (HTTP 403 at the API). */
  disabled: 'test_disabled',
  /** Everything refused with `rate_limit_exceeded` (HTTP 429 at the API). */
  rateLimited: 'test_rate_limited',
  /** Solves mint `offline_` tokens: `invalid_token` at `/v1/validate`, valid at `/fallback/api/validate`. */
  offline: 'test_offline',
  /** Solves mint `client_` tokens, which no endpoint can verify (`invalid_token`). */
  clientOnly: 'test_client_only',
  /** Solves mint `dg_` tokens (5-minute expiry): validation answers `{valid: false, degraded: true}`. */
  degraded: 'test_degraded',
  /** An older SDK build: its instances have no `setLang` (a language change needs a re-init). */
  legacySdk: 'test_legacy_sdk',
  /** Requires a server token; a refused one makes the SDK ask `onServerTokenExpired` for another and retry once. */
  serverTokenRenew: 'test_server_token_renew',
} as const;

const FIXED: Record<string, Omit<TestApp, 'appKey'>> = {
  [TEST_APP_KEYS.legacySdk]: {
    behaviour: ChallengeBehaviour.Interactive,
    requiresServerToken: false,
    solveDelayMs: 0,
  },
  [TEST_APP_KEYS.serverTokenRenew]: {
    behaviour: ChallengeBehaviour.Interactive,
    requiresServerToken: true,
    solveDelayMs: 0,
  },
  [TEST_APP_KEYS.pass]: {
    behaviour: ChallengeBehaviour.Interactive,
    requiresServerToken: false,
    solveDelayMs: 0,
  },
  demo_app: { behaviour: ChallengeBehaviour.Interactive, requiresServerToken: false, solveDelayMs: 0 },
  [TEST_APP_KEYS.autoPass]: {
    behaviour: ChallengeBehaviour.AutoPass,
    requiresServerToken: false,
    solveDelayMs: 0,
  },
  [TEST_APP_KEYS.fail]: {
    behaviour: ChallengeBehaviour.AlwaysFail,
    requiresServerToken: false,
    solveDelayMs: 0,
  },
  [TEST_APP_KEYS.disabled]: {
    behaviour: ChallengeBehaviour.Interactive,
    requiresServerToken: false,
    solveDelayMs: 0,
    refusal: { code: 'app_disabled', message: 'This app is disabled', status: 403 },
  },
  [TEST_APP_KEYS.rateLimited]: {
    behaviour: ChallengeBehaviour.Interactive,
    requiresServerToken: false,
    solveDelayMs: 0,
    refusal: { code: 'rate_limit_exceeded', message: 'Too many requests, slow down', status: 429 },
  },
  [TEST_APP_KEYS.serverToken]: {
    behaviour: ChallengeBehaviour.Interactive,
    requiresServerToken: true,
    solveDelayMs: 0,
  },
  [TEST_APP_KEYS.offline]: {
    behaviour: ChallengeBehaviour.Interactive,
    requiresServerToken: false,
    solveDelayMs: 0,
    passTokenPrefix: PassTokenPrefix.Offline,
  },
  [TEST_APP_KEYS.clientOnly]: {
    behaviour: ChallengeBehaviour.Interactive,
    requiresServerToken: false,
    solveDelayMs: 0,
    passTokenPrefix: PassTokenPrefix.ClientOnly,
  },
  [TEST_APP_KEYS.degraded]: {
    behaviour: ChallengeBehaviour.Interactive,
    requiresServerToken: false,
    solveDelayMs: 0,
    passTokenPrefix: PassTokenPrefix.Degraded,
    // Contract §3: degraded tokens expire after 5 minutes.
    passTokenTtlMs: 300_000,
  },
};

/**
 * Key patterns: `test_ttl_<s>` (pass tokens live `<s>` seconds), `test_slow_<ms>` (each solve takes `<ms>`) and
 * `test_status_<code>` (every API call answers HTTP `<code>`, 400–599), `test_flaky_<n>` (the first n challenge
 * fetches are refused with `rate_limit_exceeded`); an `_auto` suffix makes any of them pass with no interaction.
 */
const PATTERNS: ReadonlyArray<{ pattern: RegExp; apply: (n: number) => Partial<TestApp> }> = [
  { pattern: /^test_ttl_(\d+)(_auto)?$/, apply: (n) => ({ passTokenTtlMs: n * 1000 }) },
  { pattern: /^test_slow_(\d+)(_auto)?$/, apply: (n) => ({ solveDelayMs: n }) },
  { pattern: /^test_status_([45]\d\d)(_auto)?$/, apply: (n) => ({ apiStatus: n }) },
  { pattern: /^test_flaky_(\d+)(_auto)?$/, apply: (n) => ({ flakyChallenges: n }) },
];

/** An optional `~tag` suffix (letters, digits, `-`, `_`, up to 32): the same app, with counters of its own. */
const ISOLATION_TAG = /~[\w-]{1,32}$/;

export interface FindTestAppOptions {
  appKey: string;
  /** Extra apps registered through `startFakeCaptchala({apps})`. */
  extra?: readonly TestApp[];
}

/** The test app for a key, or undefined for an unknown key (`invalid_app_key`). */
export function findTestApp(options: FindTestAppOptions): TestApp | undefined {
  const { appKey, extra = [] } = options;
  const registered = extra.find((app) => app.appKey === appKey);
  if (registered) return registered;
  // `~tag` gives a key counters of its own (`test_flaky_1~run42`): tests running side by side never share them.
  const base = appKey.replace(ISOLATION_TAG, '');
  // Own properties only: `constructor` or `__proto__` are unknown keys, never the prototype's.
  const fixed = Object.hasOwn(FIXED, base) ? FIXED[base] : undefined;
  if (fixed) return { appKey, ...fixed };
  for (const { pattern, apply } of PATTERNS) {
    const match = pattern.exec(base);
    if (!match) continue;
    return {
      appKey,
      behaviour: match[2] ? ChallengeBehaviour.AutoPass : ChallengeBehaviour.Interactive,
      requiresServerToken: false,
      solveDelayMs: 0,
      ...apply(Number(match[1])),
    };
  }
  return undefined;
}
