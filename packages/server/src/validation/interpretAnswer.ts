import type { Exchange } from '../transport/postJson';
import { type ProviderFailureKind, ValidationKind, ValidationReason } from './ValidationResult';

/** A provider exchange read at the envelope level (`{code, msg, data}`), before the operation's own reading. */
export type Answer =
  | { type: 'ok'; data: Record<string, unknown>; msg: string | undefined; status: number }
  | { type: 'failure'; kind: ProviderFailureKind; reason: string; status: number | null; detail: string };

const MISCONFIGURED: ReadonlySet<string> = new Set([
  ValidationReason.InvalidAppKey,
  ValidationReason.InvalidAppSecret,
  ValidationReason.InvalidCredentials,
  ValidationReason.AppDisabled,
]);
const UNAVAILABLE: ReadonlySet<string> = new Set([
  ValidationReason.RateLimitExceeded,
  ValidationReason.RequestFailed,
]);
/** The provider's verdicts on a token or an action (contract §5a): a 4xx carrying one is still such a verdict. */
const REFUSALS: ReadonlySet<string> = new Set([
  ValidationReason.EmptyToken,
  ValidationReason.InvalidToken,
  ValidationReason.TokenConsumed,
  ValidationReason.TokenExpired,
  ValidationReason.TokenActionMismatch,
  ValidationReason.TokenIpMismatch,
  ValidationReason.TokenUidMismatch,
  ValidationReason.BindingMismatch,
  ValidationReason.InvalidAction,
]);

const CODE = /^[a-z][a-z0-9_]{0,63}$/;

/** A machine-readable code, or undefined for prose (`"invalid credentials"`) and anything else. */
export const codeOf = (value: unknown): string | undefined =>
  typeof value === 'string' && CODE.test(value) ? value : undefined;

export const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** Sorts a provider code into a kind; codes the kit does not know get `fallback`. */
export function classifyReason(reason: string, fallback: ProviderFailureKind): ProviderFailureKind {
  if (MISCONFIGURED.has(reason)) return ValidationKind.Misconfigured;
  if (UNAVAILABLE.has(reason)) return ValidationKind.Unavailable;
  if (REFUSALS.has(reason)) return ValidationKind.Invalid;
  return fallback;
}

const printable = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);

/**
 * Reads an exchange the way contract §5a says, and robustly where it is silent: 2xx with `code: 0` is an answer
 * to read further; a lost answer, a 5xx/408 or a 429 is `unavailable` (never a verdict on the token); 401 and
 * credential codes are `misconfigured`; a non-zero `code` in a 2xx counts like that HTTP status; other 4xx are
 * `misconfigured` (the request itself is wrong: URL, body) unless they carry a token verdict.
 */
export function interpretAnswer(exchange: Exchange): Answer {
  const failure = (
    kind: ProviderFailureKind,
    reason: string,
    status: number | null,
    detail: string,
  ): Answer => ({
    type: 'failure',
    kind,
    reason,
    status,
    detail,
  });
  if (exchange.type === 'aborted')
    return failure(ValidationKind.Unavailable, ValidationReason.Aborted, null, '');
  if (exchange.type === 'lost') {
    return failure(ValidationKind.Unavailable, exchange.reason, null, printable(exchange.detail));
  }
  const { status } = exchange;
  const envelope = asRecord(exchange.body);
  const data = asRecord(envelope?.['data']) ?? {};
  const code = envelope?.['code'];
  const msg = typeof envelope?.['msg'] === 'string' ? envelope['msg'] : undefined;
  const ok = status >= 200 && status < 300;
  if (ok && code === 0) return { type: 'ok', data, msg, status };
  const reason = codeOf(data['error']) ?? codeOf(msg);
  const effective = ok && typeof code === 'number' && code >= 400 && code <= 599 ? code : status;
  const detail = `HTTP ${status}${msg ? `: ${printable(msg)}` : ''}`;
  if (ok && typeof code !== 'number') {
    return failure(
      ValidationKind.Unavailable,
      ValidationReason.BadResponse,
      status,
      'not a {code, msg, data} JSON',
    );
  }
  if (effective >= 200 && effective < 300) {
    const r = reason ?? ValidationReason.UnknownError;
    return failure(classifyReason(r, ValidationKind.Invalid), r, status, detail);
  }
  if (effective >= 300 && effective < 400) {
    return failure(ValidationKind.Misconfigured, ValidationReason.UnexpectedRedirect, status, detail);
  }
  if (effective === 429) {
    return failure(ValidationKind.Unavailable, ValidationReason.RateLimitExceeded, status, detail);
  }
  if (effective >= 500 || effective === 408) {
    return failure(ValidationKind.Unavailable, ValidationReason.ProviderError, status, detail);
  }
  if (effective === 401) {
    const r = reason && MISCONFIGURED.has(reason) ? reason : ValidationReason.InvalidCredentials;
    return failure(ValidationKind.Misconfigured, r, status, detail);
  }
  const r = reason ?? `http_${effective}`;
  return failure(classifyReason(r, ValidationKind.Misconfigured), r, status, detail);
}
