import { redactToken } from '@captchala-kit/server';
import { TOKEN_FIELD } from '../../shared/tokenField';
import type { CauseRunner } from './CauseContext';
import { callSite, replyText } from './callSite';
import { clientReason } from './clientReason';
import { nextEvent } from './nextEvent';
import { submitNext } from './submitNext';
import { whenReady } from './whenReady';
import { widgetForm } from './widgetForm';

const until = (epochMs: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now())));

/**
 * Cause 1: a solved token is left unused. The widget drops it before it expires; the raw token, sent anyway once
 * CaptchaLa's lifetime passed, is `token_expired`; the next submit carries a fresh one.
 */
export const runExpired: CauseRunner = async ({ view }) => {
  const { form, widget, path } = widgetForm(view.section);
  view.progress('Resetting the widget…');
  await widget.reset();
  await whenReady(widget);
  view.mark('state', 'awaiting-solve');
  view.progress('Tick the box in the widget: its token is then left unused.');
  const solved = (await nextEvent(widget, 'captchala-success')).detail;
  view.mark('state', 'running');
  const client = view.client.step('element', 'What the element reported');
  client.fact('solved', 'token received', redactToken(solved.token));
  view.progress('Solved. Nobody submits it…');
  await nextEvent(widget, 'captchala-expired');
  client.fact('event', 'then', `captchala-expired, ${Date.now() - solved.issuedAt} ms after it was solved`);
  client.fact('status', 'status', widget.status);
  view.name('client', clientReason(widget.status));

  view.progress("Waiting until CaptchaLa's own lifetime passed too, then sending the stale token anyway…");
  await until(solved.expiresAt);
  const stale = await callSite({ path: path('/submit'), body: { [TOKEN_FIELD]: solved.token } });
  const forced = view.client.step('stale', 'The stale token, sent anyway (bypassing the element)');
  forced.fact('answer', 'answer', replyText(stale));
  view.server.step('stale', 'The stale token, sent anyway').log(stale.log);
  view.name('server', stale.log?.named ?? 'none');

  view.progress('Submitting the form: the widget gets a fresh token first…');
  await submitNext({ view, form, widget, path });
};
