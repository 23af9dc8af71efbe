import type { SubmitResult } from '../../server/submitHandler';
import { readSubmitAnswer } from '../submitAnswer';

/** POSTs a form's values as JSON to the playground's backend, which validates `captchala_token` once. */
export async function sendToBackend(options: {
  appKey: string;
  body: Record<string, unknown>;
}): Promise<SubmitResult> {
  const response = await fetch(`/api/submit?app_key=${encodeURIComponent(options.appKey)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options.body),
  });
  return readSubmitAnswer(response);
}

/** One line for the page: `valid (pt_1a2b…)` or `rejected: token_consumed`. */
export function describeAnswer(answer: SubmitResult): string {
  return answer.ok ? `valid (${answer.token})` : `rejected: ${answer.reason}`;
}
