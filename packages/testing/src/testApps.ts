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
} as const;

const FIXED: Record<string, Omit<TestApp, 'appKey'>> = {
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
};

/**
 * Key patterns: `test_ttl_<s>` (pass tokens live `<s>` seconds) and `test_slow_<ms>` (each solve takes `<ms>`);
 * an `_auto` suffix makes either pass with no interaction.
 */
const PATTERNS: ReadonlyArray<{ pattern: RegExp; apply: (n: number) => Partial<TestApp> }> = [
  { pattern: /^test_ttl_(\d+)(_auto)?$/, apply: (n) => ({ passTokenTtlMs: n * 1000 }) },
  { pattern: /^test_slow_(\d+)(_auto)?$/, apply: (n) => ({ solveDelayMs: n }) },
];

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
  const fixed = FIXED[appKey];
  if (fixed) return { appKey, ...fixed };
  for (const { pattern, apply } of PATTERNS) {
    const match = pattern.exec(appKey);
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
