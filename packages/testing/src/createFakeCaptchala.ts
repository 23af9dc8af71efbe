import { createFakeCaptchalaHandler, type FakeCaptchalaHandler } from './server/createFakeCaptchalaHandler';
import { FakeState } from './server/FakeState';
import { TEST_APP_SECRET, type TestApp } from './testApps';

export interface FakeCaptchalaOptions {
  /** Lifetime of pass tokens (default 120 000 ms); `test_ttl_<s>` keys override it. */
  passTokenTtlMs?: number;
  /** Default lifetime of server tokens (default 300 s, like the real service). */
  serverTokenTtlS?: number;
  /** Lifetime of an unsolved challenge (default 120 000 ms) before `challenge_expired`. */
  challengeTtlMs?: number;
  /** Clock, for tests that move time (default `Date.now`). */
  now?: () => number;
  /** Extra app keys with their behaviour. */
  apps?: readonly TestApp[];
  /** Secret every test app accepts (default `test_secret`). */
  appSecret?: string;
  /** Path prefix (default `''`; the Vite plugin uses `/__captchala`). */
  basePath?: string;
}

/** The stand-in's parts: what it remembers, the request handler over it, and the secret it accepts. */
export interface FakeCaptchalaParts {
  state: FakeState;
  handler: FakeCaptchalaHandler;
  appSecret: string;
}

/** The stand-in without a server of its own: its state and a request handler to mount anywhere. */
export function createFakeCaptchala(options: FakeCaptchalaOptions = {}): FakeCaptchalaParts {
  const state = new FakeState({
    now: options.now ?? Date.now,
    passTokenTtlMs: options.passTokenTtlMs ?? 120_000,
    serverTokenTtlS: options.serverTokenTtlS ?? 300,
    challengeTtlMs: options.challengeTtlMs ?? 120_000,
    apps: options.apps ?? [],
  });
  const appSecret = options.appSecret ?? TEST_APP_SECRET;
  const handler = createFakeCaptchalaHandler({
    state,
    basePath: options.basePath ?? '',
    appSecret,
  });
  return { state, handler, appSecret };
}
