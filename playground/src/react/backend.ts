import config from 'virtual:playground-config';
import type { SubmitResult } from '../../server/submitHandler';
import { readSubmitAnswer } from '../submitAnswer';

/** Offline, the stand-in test key that shows a scenario's behaviour; live, always your real key. */
export function appKeyFor(testKey: string): string {
  return config.mode === 'offline' ? testKey : config.appKey;
}

/** POSTs a form's `FormData`, or values as JSON, to the playground's backend, which validates the token once. */
export async function submitToBackend(options: {
  appKey: string;
  body: FormData | Record<string, unknown>;
}): Promise<SubmitResult> {
  const { appKey, body } = options;
  const response = await fetch(`/api/submit?app_key=${encodeURIComponent(appKey)}`, {
    method: 'POST',
    ...(body instanceof FormData
      ? { body }
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return readSubmitAnswer(response);
}

/** One line for the page: `valid (pt_1a2b…)` or `rejected: token_consumed`. */
export function describeAnswer(answer: SubmitResult): string {
  return answer.ok ? `valid (${answer.token})` : `rejected: ${answer.reason}`;
}

/** Why no token came: the `CaptchalaError` code (`challenge_closed`, …), which the widget's status line explains. */
export function describeFailure(error: unknown): string {
  return `not sent: ${(error as { code?: string }).code ?? String(error)}`;
}
