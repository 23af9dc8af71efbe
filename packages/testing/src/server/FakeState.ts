import { randomBytes } from 'node:crypto';
import { ChallengeBehaviour, findTestApp, PassTokenPrefix, type TestApp } from '../testApps';

/** Why something was refused, as a contract code plus a human message (`"message (code)"` on the wire). */
export class FakeRefusal extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
  /** The SDK's error string format (contract §2). */
  toSdkString(): string {
    return `${this.message} (${this.code})`;
  }
}

export interface PassTokenRecord {
  token: string;
  /** `pt_`, `offline_`, `client_` or `dg_`: decides where (and whether) it validates. */
  prefix: PassTokenPrefix;
  appKey: string;
  action: string;
  challengeId: string;
  issuedAt: number;
  expiresAt: number;
  consumed: boolean;
  validations: number;
  userIp: string;
  /** IP the server token it came from was bound to. */
  boundIp: string | null;
  uid: string | null;
}

export interface ServerTokenRecord {
  token: string;
  appKey: string;
  action: string;
  issuedAt: number;
  expiresAt: number;
  maxUses: number;
  uses: number;
  bindIp: string | null;
  bindUid: string | null;
}

export interface ChallengeRecord {
  id: string;
  app: TestApp;
  action: string;
  createdAt: number;
  expiresAt: number;
  solved: boolean;
  serverToken: ServerTokenRecord | null;
  ip: string;
}

export interface ValidationRecord {
  token: string;
  at: number;
  /** Token age at validation, ms (null for unknown tokens). */
  tokenAgeMs: number | null;
  valid: boolean;
  reason: string | null;
  keepToken: boolean;
  /** Which URL was called: `/v1/validate` or the fallback `/fallback/api/validate`. */
  endpoint: ValidateEndpoint;
  /** The answer was `{valid: false, degraded: true}` (a `dg_` token). */
  degraded: boolean;
}

/** The two validation URLs of contract §5a: the main API and the fallback for `offline_` tokens. */
export const ValidateEndpoint = { Main: 'main', Fallback: 'fallback' } as const;
export type ValidateEndpoint = (typeof ValidateEndpoint)[keyof typeof ValidateEndpoint];

/**
 * What each endpoint can verify: `offline_` tokens only at the fallback, `pt_` and `dg_` only at the main API,
 * `client_` tokens nowhere (contract §3: they cannot be verified server-side).
 */
const VERIFIABLE_AT: Record<ValidateEndpoint, readonly PassTokenPrefix[]> = {
  [ValidateEndpoint.Main]: [PassTokenPrefix.Pass, PassTokenPrefix.Degraded],
  [ValidateEndpoint.Fallback]: [PassTokenPrefix.Offline],
};

/** The reason a `dg_` token validates with (the official server SDKs' default for `data.reason`). */
const DEGRADED_REASON = 'quota_exhausted';

export interface FakeStateOptions {
  now: () => number;
  passTokenTtlMs: number;
  serverTokenTtlS: number;
  challengeTtlMs: number;
  apps: readonly TestApp[];
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Everything the stand-in remembers: challenges, pass tokens, server tokens and validations. */
export class FakeState {
  readonly options: FakeStateOptions;
  readonly passTokens = new Map<string, PassTokenRecord>();
  readonly serverTokens = new Map<string, ServerTokenRecord>();
  readonly challenges = new Map<string, ChallengeRecord>();
  readonly validations: ValidationRecord[] = [];
  /** Challenge fetches per app key, refused ones included, to spot SDK misuse (e.g. `verify()` before ready fetching twice). */
  readonly challengeFetches = new Map<string, number>();
  /** Challenge fetches asked for before the SDK was ready (`showCaptcha()`/`verify()` too early), per app key. */
  readonly earlyChallenges = new Map<string, number>();

  constructor(options: FakeStateOptions) {
    this.options = options;
  }

  app(appKey: string | undefined): TestApp {
    const app = appKey ? findTestApp({ appKey, extra: this.options.apps }) : undefined;
    if (!app) {
      throw new FakeRefusal('invalid_app_key', `Unknown app key "${appKey ?? ''}"`);
    }
    return app;
  }

  reset(): void {
    this.passTokens.clear();
    this.serverTokens.clear();
    this.challenges.clear();
    this.validations.length = 0;
    this.challengeFetches.clear();
    this.earlyChallenges.clear();
  }

  issueServerToken(input: {
    appKey: string;
    action: string;
    ttlS?: number;
    maxUses?: number;
    bindIp?: string | null;
    bindUid?: string | null;
  }): ServerTokenRecord {
    const now = this.options.now();
    const ttlS = input.ttlS ?? this.options.serverTokenTtlS;
    const record: ServerTokenRecord = {
      token: `sct_${hex(16)}`,
      appKey: input.appKey,
      action: input.action,
      issuedAt: now,
      expiresAt: now + ttlS * 1000,
      // The contract leaves the default open; the strict reading is one challenge per server token.
      maxUses: input.maxUses ?? 1,
      uses: 0,
      bindIp: input.bindIp ?? null,
      bindUid: input.bindUid ?? null,
    };
    this.serverTokens.set(record.token, record);
    return record;
  }

  /** A challenge for the SDK; spends one use of the server token when one is given. */
  createChallenge(input: {
    appKey: string;
    action: string;
    serverToken?: string;
    ip: string;
    /** Asked for before the SDK reported ready: a second challenge the kit should never cause. */
    early?: boolean;
  }): ChallengeRecord {
    const app = this.app(input.appKey);
    // Counted before any refusal: a kit that keeps re-initialising a disabled app shows up here.
    const fetches = (this.challengeFetches.get(app.appKey) ?? 0) + 1;
    this.challengeFetches.set(app.appKey, fetches);
    if (app.refusal) throw new FakeRefusal(app.refusal.code, app.refusal.message);
    if (input.early) this.earlyChallenges.set(app.appKey, (this.earlyChallenges.get(app.appKey) ?? 0) + 1);
    if (app.flakyChallenges && fetches <= app.flakyChallenges) {
      throw new FakeRefusal('rate_limit_exceeded', 'Too many requests, slow down');
    }
    const now = this.options.now();
    let serverToken: ServerTokenRecord | null = null;
    if (input.serverToken) {
      serverToken = this.serverTokens.get(input.serverToken) ?? null;
      if (!serverToken) throw new FakeRefusal('server_token_invalid', 'Server token is invalid');
      if (serverToken.appKey !== app.appKey) {
        throw new FakeRefusal('server_token_app_mismatch', 'Server token was issued for another app');
      }
      if (now >= serverToken.expiresAt) throw new FakeRefusal('server_token_expired', 'Server token expired');
      if (serverToken.uses >= serverToken.maxUses) {
        throw new FakeRefusal('server_token_exhausted', 'Server token has no uses left');
      }
      if (serverToken.action !== input.action) {
        throw new FakeRefusal('server_token_invalid', `Server token is for action "${serverToken.action}"`);
      }
      if (serverToken.bindIp && serverToken.bindIp !== input.ip) {
        throw new FakeRefusal('server_token_binding_mismatch', 'Server token is bound to another IP');
      }
      serverToken.uses += 1;
    } else if (app.requiresServerToken) {
      throw new FakeRefusal('server_token_required', 'This app requires a server token');
    }
    const challenge: ChallengeRecord = {
      id: `ch_${hex(8)}`,
      app,
      action: input.action,
      createdAt: now,
      expiresAt: now + this.options.challengeTtlMs,
      solved: false,
      serverToken,
      ip: input.ip,
    };
    this.challenges.set(challenge.id, challenge);
    return challenge;
  }

  /** Solves a challenge and mints its pass token. */
  solve(input: { challengeId: string }): PassTokenRecord {
    const challenge = this.challenges.get(input.challengeId);
    if (!challenge) throw new FakeRefusal('challenge_invalid', 'Challenge not found');
    const now = this.options.now();
    if (challenge.solved) throw new FakeRefusal('challenge_used', 'Challenge already solved');
    if (now >= challenge.expiresAt)
      throw new FakeRefusal('challenge_expired', 'Challenge expired, please retry');
    if (challenge.app.behaviour === ChallengeBehaviour.AlwaysFail) {
      throw new FakeRefusal('verify_failed', 'Verification failed');
    }
    challenge.solved = true;
    const ttl = challenge.app.passTokenTtlMs ?? this.options.passTokenTtlMs;
    const prefix = challenge.app.passTokenPrefix ?? PassTokenPrefix.Pass;
    const record: PassTokenRecord = {
      token: `${prefix}${hex(16)}`,
      prefix,
      appKey: challenge.app.appKey,
      action: challenge.action,
      challengeId: challenge.id,
      issuedAt: now,
      expiresAt: now + ttl,
      consumed: false,
      validations: 0,
      userIp: challenge.ip,
      boundIp: challenge.serverToken?.bindIp ?? null,
      uid: challenge.serverToken?.bindUid ?? null,
    };
    this.passTokens.set(record.token, record);
    return record;
  }

  /**
   * `/v1/validate` (or, with `endpoint: 'fallback'`, the fallback URL's) semantics, after credentials were
   * checked. A `dg_` token is spent like any other (the strict reading) and answers `degraded` instead of valid.
   */
  validate(input: {
    appKey: string;
    passToken: string;
    keepToken: boolean;
    clientIp?: string;
    endpoint?: ValidateEndpoint;
  }): { valid: true; record: PassTokenRecord } | { valid: false; reason: string; degraded: boolean } {
    const now = this.options.now();
    const endpoint = input.endpoint ?? ValidateEndpoint.Main;
    const record = this.passTokens.get(input.passToken);
    const log = (valid: boolean, reason: string | null, degraded = false) =>
      this.validations.push({
        token: input.passToken,
        at: now,
        tokenAgeMs: record ? now - record.issuedAt : null,
        valid,
        reason,
        keepToken: input.keepToken,
        endpoint,
        degraded,
      });
    const fail = (reason: string) => {
      if (record) record.validations += 1;
      log(false, reason);
      return { valid: false as const, reason, degraded: false };
    };
    if (!input.passToken) return fail('empty_token');
    if (!record || record.appKey !== input.appKey || !VERIFIABLE_AT[endpoint].includes(record.prefix))
      return fail('invalid_token');
    if (record.consumed) return fail('token_consumed');
    if (now >= record.expiresAt) return fail('token_expired');
    if (input.clientIp && record.boundIp && input.clientIp !== record.boundIp)
      return fail('token_ip_mismatch');
    record.validations += 1;
    if (!input.keepToken) record.consumed = true;
    if (record.prefix === PassTokenPrefix.Degraded) {
      log(false, DEGRADED_REASON, true);
      return { valid: false, reason: DEGRADED_REASON, degraded: true };
    }
    log(true, null);
    return { valid: true, record };
  }

  inspect() {
    const now = this.options.now();
    return {
      now,
      passTokens: [...this.passTokens.values()].map((record) => ({
        ...record,
        ageMs: now - record.issuedAt,
        expired: now >= record.expiresAt,
      })),
      serverTokens: [...this.serverTokens.values()].map((record) => ({
        ...record,
        expired: now >= record.expiresAt,
      })),
      validations: [...this.validations],
      challengeFetches: Object.fromEntries(this.challengeFetches),
      earlyChallenges: Object.fromEntries(this.earlyChallenges),
    };
  }
}

export type FakeInspection = ReturnType<FakeState['inspect']>;
