import type { RetryOutcome } from '../transport/postWithRetries';
import { asRecord, classifyReason, codeOf, interpretAnswer } from './interpretAnswer';
import { type FailureKind, ValidationKind, ValidationReason } from './ValidationResult';

export type ValidationVerdict = {
  statusCode: number | null;
  tokenAgeMs: number | null;
  /** The action CaptchaLa echoed, when it answered one. */
  action: string | null;
} & (
  | {
      kind: typeof ValidationKind.Valid;
      challengeId: string | null;
      uid: string | null;
      captchaArgs: Readonly<Record<string, unknown>> | null;
    }
  | { kind: FailureKind; reason: string; detail: string; degraded: boolean }
);

export interface Expectations {
  expectedAction: string | undefined;
  /** A uid the token must be bound to; null: it must be bound to none; undefined: not checked. */
  expectedUid: string | null | undefined;
}

export interface ValidationExpectations extends Expectations {
  keepToken: boolean;
  /** Epoch ms when the answer arrived, for the token's age. */
  now: number;
}

const text = (value: unknown) =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

/**
 * Older docs put the solve context (`risk_score`, `client_ip`) directly under `data` instead of `captcha_args`:
 * the same informational record either way (contract §5a), or null when neither shape carries any.
 */
function olderDocsArgs(data: Record<string, unknown>): Readonly<Record<string, unknown>> | null {
  const entries = ['risk_score', 'client_ip'].filter((key) => data[key] !== undefined);
  return entries.length === 0 ? null : Object.fromEntries(entries.map((key) => [key, data[key]]));
}

/**
 * Why a token vouched for does not serve this call: solved for another action, or bound to another user (or to
 * one where none was expected). Null when it does.
 */
export function unmetExpectation(
  action: string | null,
  uid: string | null,
  expect: Expectations,
): { reason: string; detail: string } | null {
  if (expect.expectedAction !== undefined && action !== expect.expectedAction) {
    return {
      reason: ValidationReason.TokenActionMismatch,
      detail: `solved for ${JSON.stringify(action)}, expected ${JSON.stringify(expect.expectedAction)}`,
    };
  }
  if (expect.expectedUid !== undefined && uid !== expect.expectedUid) {
    return {
      reason: ValidationReason.TokenUidMismatch,
      detail: expect.expectedUid === null ? 'bound to a uid, expected none' : 'bound to another uid',
    };
  }
  return null;
}

/** Reads `/v1/validate`'s answer (contract §5a), checks the expected action and uid, and names the outcome. */
export function interpretValidation(
  outcome: RetryOutcome,
  expect: ValidationExpectations,
): ValidationVerdict {
  const answer = interpretAnswer(outcome.exchange);
  if (answer.type === 'failure') {
    const { kind, reason, status, detail } = answer;
    return { kind, reason, detail, degraded: false, statusCode: status, tokenAgeMs: null, action: null };
  }
  const { data, status: statusCode } = answer;
  const captchaArgs = asRecord(data['captcha_args']) ?? olderDocsArgs(data);
  const solvedAt = captchaArgs?.['solved_at'];
  const tokenAgeMs =
    typeof solvedAt === 'number' && solvedAt > 0 ? Math.max(0, expect.now - solvedAt * 1000) : null;
  const action = text(data['action']);
  const base = { statusCode, tokenAgeMs, action };
  if (data['degraded'] === true) {
    return {
      ...base,
      kind: ValidationKind.Unavailable,
      reason: codeOf(data['reason']) ?? ValidationReason.QuotaExhausted,
      detail: '',
      degraded: true,
    };
  }
  if (data['valid'] === true || data['ok'] === true) {
    const uid = text(data['uid']);
    const refusal = unmetExpectation(action, uid, expect);
    if (refusal) return { ...base, kind: ValidationKind.Invalid, ...refusal, degraded: false };
    return {
      ...base,
      kind: ValidationKind.Valid,
      uid,
      challengeId: text(data['challenge_id']),
      captchaArgs,
    };
  }
  const reason = codeOf(data['error']) ?? codeOf(answer.msg) ?? ValidationReason.UnknownError;
  // A retry that finds the token consumed after an attempt whose answer was lost: that attempt most likely
  // consumed it. Saying `token_consumed` would blame the user for a replay; saying valid would let a real replay
  // racing the lost attempt through. "No verdict" is the only true answer.
  if (reason === ValidationReason.TokenConsumed && !expect.keepToken && outcome.earlierMayHaveArrived) {
    return {
      ...base,
      kind: ValidationKind.Unavailable,
      reason: ValidationReason.OutcomeUnknown,
      detail: `after ${outcome.attempts} attempts`,
      degraded: false,
    };
  }
  return {
    ...base,
    kind: classifyReason(reason, ValidationKind.Invalid),
    reason,
    detail: '',
    degraded: false,
  };
}
