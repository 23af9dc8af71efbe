import { DEFAULTS } from '../DEFAULTS';
import type { Exchange } from '../transport/postJson';
import { classifyReason, codeOf, interpretAnswer } from './interpretAnswer';
import { type ProviderFailureKind, ValidationKind, ValidationReason } from './ValidationResult';

export type IssueVerdict = { statusCode: number | null } & (
  | { ok: true; serverToken: string; expiresIn: number; issuedAt: number }
  | { ok: false; kind: ProviderFailureKind; reason: string; detail: string }
);

/** Reads `/v1/server/challenge/issue`'s answer (contract §5b): `{server_token, expires_in, issued_at}`. */
export function interpretIssue(exchange: Exchange, now: number): IssueVerdict {
  const answer = interpretAnswer(exchange);
  if (answer.type === 'failure') {
    const { kind, reason, detail, status } = answer;
    return { ok: false, kind, reason, detail, statusCode: status };
  }
  const { data, status: statusCode } = answer;
  const serverToken = data['server_token'];
  if (typeof serverToken !== 'string' || !serverToken.startsWith('sct_')) {
    const reason = codeOf(data['error']) ?? ValidationReason.BadResponse;
    const detail = 'no sct_ server_token in the answer';
    return {
      ok: false,
      kind: classifyReason(reason, ValidationKind.Unavailable),
      reason,
      detail,
      statusCode,
    };
  }
  const expiresIn = data['expires_in'];
  const issuedAt = data['issued_at'];
  return {
    ok: true,
    serverToken,
    expiresIn: typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : DEFAULTS.serverTokenTtlS,
    issuedAt: typeof issuedAt === 'number' && issuedAt > 0 ? issuedAt * 1000 : now,
    statusCode,
  };
}
