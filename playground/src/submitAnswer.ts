import config from 'virtual:playground-config';
import type { SubmitResult } from '../server/submitHandler';

/** Offline, the stand-in test key that shows a scenario's behaviour; live, always your real key. */
export function appKeyFor(testKey: string): string {
  return config.mode === 'offline' ? testKey : config.appKey;
}

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

/** The playground backend's `POST` endpoint that validates a form's token once, for `appKey`. */
export const submitUrl = (appKey: string) => `/api/submit?app_key=${encodeURIComponent(appKey)}`;

/** POSTs a form's `FormData`, or values as JSON, to `submitUrl(appKey)`. */
export async function submitToBackend(options: {
  appKey: string;
  body: FormData | Record<string, unknown>;
}): Promise<SubmitResult> {
  const { appKey, body } = options;
  const response = await fetch(submitUrl(appKey), {
    method: 'POST',
    ...(body instanceof FormData
      ? { body }
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return readSubmitAnswer(response);
}

/** The backend's verdict: `valid` or `rejected: token_consumed`. */
export function verdictOf(answer: SubmitResult): string {
  return answer.ok ? 'valid' : `rejected: ${answer.reason}`;
}

/** One line for the page: `valid (pt_1a2b…)` or `rejected: token_consumed`. */
export function describeAnswer(answer: SubmitResult): string {
  return answer.ok ? `valid (${answer.token})` : verdictOf(answer);
}

/** Why no token came: the `CaptchalaError` code (`challenge_closed`, …), which the widget's status line explains. */
export function describeFailure(error: unknown): string {
  return `not sent: ${(error as { code?: string }).code ?? String(error)}`;
}
