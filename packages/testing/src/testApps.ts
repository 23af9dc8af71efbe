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
  [TEST_APP_KEYS.serverToken]: {
    behaviour: ChallengeBehaviour.Interactive,
    requiresServerToken: true,
    solveDelayMs: 0,
  },
};

/** `test_ttl_3` (pass tokens live 3 s), `test_ttl_3_auto` (same, no interaction needed). */
const TTL_PATTERN = /^test_ttl_(\d+)(_auto)?$/;
/** `test_slow_1500` (each solve takes 1.5 s after the click), `test_slow_1500_auto`. */
const SLOW_PATTERN = /^test_slow_(\d+)(_auto)?$/;

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
  const ttl = TTL_PATTERN.exec(appKey);
  if (ttl) {
    return {
      appKey,
      behaviour: ttl[2] ? ChallengeBehaviour.AutoPass : ChallengeBehaviour.Interactive,
      requiresServerToken: false,
      passTokenTtlMs: Number(ttl[1]) * 1000,
      solveDelayMs: 0,
    };
  }
  const slow = SLOW_PATTERN.exec(appKey);
  if (slow) {
    return {
      appKey,
      behaviour: slow[2] ? ChallengeBehaviour.AutoPass : ChallengeBehaviour.Interactive,
      requiresServerToken: false,
      solveDelayMs: Number(slow[1]),
    };
  }
  return undefined;
}
