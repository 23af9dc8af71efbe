import type { SubmitResult } from '../server/submitHandler';

/**
 * The kit's own error shape, which `/api/submit` answers when it refuses a request before its body is read (a
 * body over 64 KB: 413 `payload_too_large`).
 */
interface RefusedUnread {
  error: { code: string; message: string };
}

/** `/api/submit`'s answer in either shape, as a `SubmitResult`: a refusal always names its reason. */
export async function readSubmitAnswer(response: Response): Promise<SubmitResult> {
  const answer = (await response.json()) as SubmitResult | RefusedUnread;
  if (!('error' in answer)) return answer;
  return { ok: false, kind: null, reason: answer.error.code, token: null, fields: {}, validation: null };
}
