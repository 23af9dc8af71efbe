import type { ClientIp } from '../clientIp/getClientIp';
import { DEFAULTS } from '../DEFAULTS';
import { postWithRetries } from '../transport/postWithRetries';
import { checkPassToken, PassTokenRoute } from '../validation/checkPassToken';
import { describeReason } from '../validation/describeReason';
import { interpretIssue } from '../validation/interpretIssue';
import {
  interpretValidation,
  unmetExpectation,
  type ValidationVerdict,
} from '../validation/interpretValidation';
import { redactToken } from '../validation/redactToken';
import {
  type FailureKind,
  type ProviderFailureKind,
  ValidationKind,
  ValidationReason,
  type ValidationResult,
} from '../validation/ValidationResult';
import { type CaptchalaDiagnostic, DiagnosticLevel } from './CaptchalaDiagnostic';
import { type CaptchalaClientOptions, type ClientConfig, checkClientOptions } from './checkClientOptions';

export interface ValidateOptions {
  /** The action this endpoint serves: a token solved for another one is `token_action_mismatch`. */
  expectedAction?: string;
  /**
   * The uid the server token was bound to (`bindUid`): another one is `token_uid_mismatch`. `null`: the token
   * must be bound to no uid (an anonymous request cannot use somebody's token). Unset: not checked.
   */
  expectedUid?: string | null;
  /**
   * Sent as `client_ip` only when given; CaptchaLa then refuses tokens whose server token was bound to another
   * IP. Pass `getClientIp()`'s result to have its source in the diagnostic. Given but unknown (`{ip: null}`, `''`):
   * refused as `client_ip_unknown` without a call, never validated unbound.
   */
  clientIp?: string | ClientIp;
  /** Validate without consuming (default false): for a pre-check before the real, consuming validation. */
  keepToken?: boolean;
  /**
   * Let client-only tokens (`client_`, `co_`) in, unverified, as the official SDKs do (default: refused as
   * `client_only_token`, since anybody can type one). Only the literal `true` opts in; `expectedAction` and
   * `expectedUid` still apply, and a client-only token carries neither, so it meets no expectation.
   */
  acceptClientOnly?: boolean;
  signal?: AbortSignal;
}

export interface IssueServerTokenOptions {
  /** The scene the token is for; the widget must use the same `action`. */
  action: string;
  /** Bind to the end user's IP: a challenge from another IP is refused. Fragile on dual-stack networks. */
  bindIp?: string;
  /** Lifetime in seconds (CaptchaLa's default: 300). */
  ttl?: number;
  /** Challenges the token allows: the SDK's retry budget (official plugins use 3). */
  maxUses?: number;
  /** Bind to your user id; check it back with `validate(…, {expectedUid})`. */
  bindUid?: string;
  signal?: AbortSignal;
}

/** `issueServerToken()`'s answer: like `validate()`, it does not throw for provider or network failures. */
export type IssueServerTokenResult =
  | { ok: true; serverToken: string; expiresIn: number; issuedAt: number; requestId: string }
  | {
      ok: false;
      kind: ProviderFailureKind;
      reason: string;
      message: string;
      requestId: string;
    };

const CLIENT_ONLY_WARNING =
  'client-only token (client_/co_): it cannot be verified server-side, and was let in unchecked because acceptClientOnly is true';

const LEVELS: Record<ValidationKind, DiagnosticLevel> = {
  [ValidationKind.Valid]: DiagnosticLevel.Info,
  [ValidationKind.Invalid]: DiagnosticLevel.Info,
  [ValidationKind.Malformed]: DiagnosticLevel.Warn,
  [ValidationKind.Unavailable]: DiagnosticLevel.Warn,
  [ValidationKind.Misconfigured]: DiagnosticLevel.Error,
};

function typeError(message: string): never {
  throw new TypeError(`CaptchalaClient: ${message}`);
}

function checkOptional(options: object, types: Record<string, string>, method: string): void {
  for (const [name, type] of Object.entries(types)) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined && typeof value !== type) typeError(`${method}: ${name} must be a ${type}.`);
  }
}

/** A whole number within `range`, or a TypeError naming it (`Infinity`, `0.5` and `1e9` are programmer errors). */
export function checkWhole(
  value: unknown,
  name: string,
  range: readonly [number, number],
  where: string,
): void {
  const [min, max] = range;
  if (
    value !== undefined &&
    !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)
  ) {
    throw new TypeError(
      `${where}: ${name} must be a whole number from ${min} to ${max}, got ${String(value)}.`,
    );
  }
}

interface ValidateCall {
  expectedAction: string | undefined;
  expectedUid: string | null | undefined;
  keepToken: boolean;
  acceptClientOnly: boolean;
  signal: AbortSignal | undefined;
  clientIp: { ip: string | null; source: ClientIp['source'] | null } | undefined;
}

function checkValidateOptions(options: ValidateOptions): ValidateCall {
  if (!options || typeof options !== 'object') typeError('validate: options must be an object.');
  checkOptional(
    options,
    { expectedAction: 'string', keepToken: 'boolean', acceptClientOnly: 'boolean' },
    'validate',
  );
  const { expectedAction, expectedUid, keepToken = false, acceptClientOnly = false, signal } = options;
  if (expectedUid !== undefined && expectedUid !== null && typeof expectedUid !== 'string') {
    typeError('validate: expectedUid must be a string, or null for "bound to no uid".');
  }
  const clientIp =
    typeof options.clientIp === 'string' ? { ip: options.clientIp, source: null } : options.clientIp;
  if (clientIp !== undefined && (typeof clientIp !== 'object' || !clientIp || !('ip' in clientIp))) {
    typeError("validate: clientIp must be a string or getClientIp()'s result.");
  }
  return { expectedAction, expectedUid, keepToken, acceptClientOnly, signal, clientIp };
}

const NO_ANSWER = { statusCode: null, tokenAgeMs: null, action: null };

/** A refusal reached without asking CaptchaLa. */
const decided = (kind: FailureKind, reason: string, detail = ''): ValidationVerdict => ({
  ...NO_ANSWER,
  kind,
  reason,
  detail,
  degraded: false,
});

/** A client-only token let in by `acceptClientOnly`: valid, and vouched for by nobody. */
const UNVERIFIED: ValidationVerdict = {
  ...NO_ANSWER,
  kind: ValidationKind.Valid,
  challengeId: null,
  uid: null,
  captchaArgs: null,
};

/**
 * A CaptchaLa API client for one app. Stateless apart from its configuration: every call carries everything
 * CaptchaLa needs, so any number of instances behind any load balancer agree.
 */
export class CaptchalaClient {
  readonly #config: ClientConfig;

  constructor(options: CaptchalaClientOptions) {
    this.#config = checkClientOptions(options);
  }

  /**
   * Validates (and, unless `keepToken`, consumes) a pass token. Never throws for provider, network or input
   * problems: the result says which it was. Throws only for programmer errors (options of the wrong type).
   */
  async validate(passToken: unknown, options: ValidateOptions = {}): Promise<ValidationResult> {
    const call = checkValidateOptions(options);
    const started = Date.now();
    const requestId = crypto.randomUUID();
    const check = checkPassToken(passToken);
    const route = check.ok ? check.route : null;
    const { verdict, attempts } = check.ok
      ? await this.#verdict(check.token, check.route, call)
      : { verdict: decided(ValidationKind.Malformed, check.reason, check.detail), attempts: 0 };
    const clientOnly = route === PassTokenRoute.None;
    const warning = clientOnly && verdict.kind === ValidationKind.Valid ? CLIENT_ONLY_WARNING : null;
    const result: ValidationResult =
      verdict.kind === ValidationKind.Valid
        ? {
            valid: true,
            kind: verdict.kind,
            action: verdict.action,
            challengeId: verdict.challengeId,
            uid: verdict.uid,
            offline: route === PassTokenRoute.Fallback,
            clientOnly,
            captchaArgs: verdict.captchaArgs,
            warning,
            requestId,
          }
        : {
            valid: false,
            kind: verdict.kind,
            reason: verdict.reason,
            message: describeReason(verdict.reason, verdict.kind, verdict.detail),
            degraded: verdict.degraded,
            requestId,
          };
    if (this.#config.onDiagnostic) {
      this.#report({
        operation: 'validate',
        ...this.#diagnosticBase(requestId, started, attempts, verdict.statusCode),
        level: warning ? DiagnosticLevel.Warn : LEVELS[result.kind],
        kind: result.kind,
        reason: result.valid ? null : result.reason,
        message: result.valid ? null : result.message,
        token: redactToken(passToken),
        tokenAgeMs: verdict.tokenAgeMs,
        clientIpSource: call.clientIp?.source ?? null,
        endpoint: attempts === 0 || clientOnly ? null : route,
        action: verdict.action,
        expectedAction: call.expectedAction ?? null,
        degraded: !result.valid && result.degraded,
        warning,
      });
    }
    return result;
  }

  /** Issues a server challenge token (`sct_`) for the widget's `serverToken` (contract §5b). */
  async issueServerToken(options: IssueServerTokenOptions): Promise<IssueServerTokenResult> {
    if (!options || typeof options !== 'object') typeError('issueServerToken: options must be an object.');
    const { action, bindIp, ttl, maxUses, bindUid, signal } = options;
    if (typeof action !== 'string' || action === '')
      typeError('issueServerToken: action must be a non-empty string.');
    checkOptional(options, { bindIp: 'string', bindUid: 'string' }, 'issueServerToken');
    checkWhole(ttl, 'ttl', DEFAULTS.ttlRange, 'CaptchalaClient: issueServerToken');
    checkWhole(maxUses, 'maxUses', DEFAULTS.maxUsesRange, 'CaptchalaClient: issueServerToken');
    const started = Date.now();
    const requestId = crypto.randomUUID();
    const outcome = await postWithRetries({
      ...this.#transport(signal),
      url: `${this.#config.baseUrl}/v1/server/challenge/issue`,
      body: {
        action,
        ...(bindIp ? { binding_ip: bindIp } : {}),
        ...(ttl !== undefined ? { ttl } : {}),
        ...(maxUses !== undefined ? { max_uses: maxUses } : {}),
        ...(bindUid ? { bind_uid: bindUid } : {}),
      },
    });
    const verdict = interpretIssue(outcome.exchange, Date.now());
    const failure = verdict.ok ? null : verdict;
    const message = failure && describeReason(failure.reason, failure.kind, failure.detail);
    this.#report({
      operation: 'issue_server_token',
      ...this.#diagnosticBase(requestId, started, outcome.attempts, verdict.statusCode),
      level: failure ? LEVELS[failure.kind] : DiagnosticLevel.Info,
      kind: failure?.kind ?? null,
      reason: failure?.reason ?? null,
      message,
      action,
    });
    if (verdict.ok) {
      const { serverToken, expiresIn, issuedAt } = verdict;
      return { ok: true, serverToken, expiresIn, issuedAt, requestId };
    }
    return { ok: false, kind: verdict.kind, reason: verdict.reason, message: message ?? '', requestId };
  }

  /**
   * The verdict on a well-formed token. Decided without a call where nothing can be verified: a client-only
   * token (refused unless the caller opted in, and then held to the same expectations), or an IP binding asked
   * for without an IP. Else CaptchaLa's, from the token's endpoint.
   */
  async #verdict(
    passToken: string,
    route: PassTokenRoute,
    call: ValidateCall,
  ): Promise<{ verdict: ValidationVerdict; attempts: number }> {
    if (route === PassTokenRoute.None) {
      if (call.acceptClientOnly !== true) {
        return { verdict: decided(ValidationKind.Invalid, ValidationReason.ClientOnlyToken), attempts: 0 };
      }
      const unmet = unmetExpectation(null, null, call);
      const verdict = unmet ? decided(ValidationKind.Invalid, unmet.reason, unmet.detail) : UNVERIFIED;
      return { verdict, attempts: 0 };
    }
    const { keepToken, clientIp } = call;
    if (clientIp && !clientIp.ip) {
      const detail = clientIp.source ? `source: ${clientIp.source}` : 'an empty clientIp';
      return {
        verdict: decided(ValidationKind.Invalid, ValidationReason.ClientIpUnknown, detail),
        attempts: 0,
      };
    }
    const { baseUrl, fallbackUrl } = this.#config;
    const outcome = await postWithRetries({
      ...this.#transport(call.signal),
      url: route === PassTokenRoute.Fallback ? fallbackUrl : `${baseUrl}/v1/validate`,
      body: {
        pass_token: passToken,
        keep_token: keepToken,
        ...(clientIp?.ip ? { client_ip: clientIp.ip } : {}),
      },
    });
    const verdict = interpretValidation(outcome, { ...call, now: Date.now() });
    return { verdict, attempts: outcome.attempts };
  }

  #transport(signal: AbortSignal | undefined) {
    const { appKey, appSecret, transport, timeoutMs, deadlineMs, retries } = this.#config;
    const headers = { 'x-app-key': appKey, 'x-app-secret': appSecret };
    return { transport, timeoutMs, deadlineMs, retries, signal, headers };
  }

  #diagnosticBase(requestId: string, started: number, attempts: number, statusCode: number | null) {
    return {
      requestId,
      timestamp: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      environment: this.#config.environment,
      statusCode,
      attempts,
    };
  }

  #report(diagnostic: CaptchalaDiagnostic): void {
    this.#config.onDiagnostic?.(diagnostic);
  }
}
