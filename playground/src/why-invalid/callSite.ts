import type { SiteLogEntry } from '../../server/siteLog';
import { WHY_INVALID_BASE } from '../../shared/paths';

/** What the site answered (as its user sees it), and what it logged about that request. */
export interface SiteReply {
  status: number;
  /** `{ok: true}`, or the error code and message the user is shown. */
  answer: { ok?: boolean; error?: { code: string; message: string } };
  /** The log entry under the answer's `X-Request-Id`; null when none was given. */
  log: SiteLogEntry | null;
}

/** What a site names a reply by: its error code, or `valid`. */
export const replyCode = (reply: SiteReply) => reply.answer.error?.code ?? (reply.answer.ok ? 'valid' : '');

/** `403 token_consumed: The captcha check failed…` */
export const replyText = (reply: SiteReply) =>
  `${reply.status} ${replyCode(reply)}${reply.answer.error ? `: ${reply.answer.error.message}` : ''}`;

/** What the site logged under a request id (or a run's id), or null. */
export async function siteLog(id: string): Promise<SiteLogEntry | null> {
  const response = await fetch(`${WHY_INVALID_BASE}/log/${encodeURIComponent(id)}`);
  return response.ok ? ((await response.json()) as SiteLogEntry) : null;
}

/** Posts a form's data (or a JSON object) to a site route, then reads what the site logged about it. */
export async function callSite(options: {
  path: string;
  body: FormData | Record<string, string>;
  headers?: Record<string, string>;
}): Promise<SiteReply> {
  const { path, body, headers = {} } = options;
  const json = !(body instanceof FormData);
  const response = await fetch(`${WHY_INVALID_BASE}${path}`, {
    method: 'POST',
    headers: json ? { 'content-type': 'application/json', ...headers } : headers,
    body: json ? JSON.stringify(body) : body,
  });
  const answer = (await response.json()) as SiteReply['answer'];
  const requestId = response.headers.get('x-request-id');
  return { status: response.status, answer, log: requestId ? await siteLog(requestId) : null };
}
