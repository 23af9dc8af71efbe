import { redactToken } from '@captchala-kit/server';
import { connectStandIn } from '@captchala-kit/testing/stand-in';
import { FAKE_BASE_PATH, WHY_INVALID_BASE } from '../../shared/paths';
import { TOKEN_FIELD } from '../../shared/tokenField';
import type { CauseRunner } from './CauseContext';
import { callSite, replyCode, replyText } from './callSite';
import { submitForm } from './submitForm';
import { widgetForm } from './widgetForm';

/** How often the stand-in validated a token (it keeps every token it minted). */
async function validationsOf(token: string): Promise<string> {
  const { passTokens } = await connectStandIn({ baseUrl: FAKE_BASE_PATH }).inspect();
  const record = passTokens.find((minted) => minted.token === token);
  return record ? String(record.validations) : 'unknown token';
}

/**
 * Cause 6: the site's CSRF check refuses a submission before the captcha is looked at. The answer names
 * `csrf_failed`, the token is never validated, and the next submit (with the CSRF token) carries a fresh one.
 */
export const runCsrf: CauseRunner = async ({ view, offline }) => {
  const { form, widget, path } = widgetForm(view.section);
  view.progress('Submitting without the CSRF token…');
  const first = await submitForm({ form, widget });
  const token = String(first.get(TOKEN_FIELD));
  const refused = await callSite({ path: path('/csrf/submit'), body: first });
  const client = view.client.step('first', 'The submit without a CSRF token');
  client.fact('token', 'token sent', redactToken(token));
  client.fact('answer', 'answer', replyText(refused));
  client.fact('status', 'widget status after it', `${widget.status}: the next submit gets a new token`);
  view.name('client', replyCode(refused));
  const server = view.server.step('first', 'The submit without a CSRF token');
  server.log(refused.log);
  view.name('server', refused.log?.named ?? 'none');
  if (offline) {
    const validations = await validationsOf(token);
    server.fact('stand-in', 'CaptchaLa (stand-in): validations of that token', validations);
    view.mark('first-validations', validations);
  }

  view.progress('Fetching the CSRF token and submitting again…');
  const { csrf_token } = (await (await fetch(`${WHY_INVALID_BASE}/csrf/token`)).json()) as {
    csrf_token: string;
  };
  const sent = await submitForm({ form, widget });
  const next = await callSite({
    path: path('/csrf/submit'),
    body: sent,
    headers: { 'x-csrf-token': csrf_token },
  });
  const nextStep = view.client.step('next', 'The next submit, with the CSRF token');
  nextStep.fact('token', 'token sent', redactToken(sent.get(TOKEN_FIELD)));
  nextStep.fact('answer', 'answer', replyText(next));
  view.server.step('next', 'The next submit').log(next.log);
  view.mark('next-verdict', next.answer.ok ? 'valid' : replyCode(next));
  view.progress('Done.');
};
