import { redactToken } from '@captchala-kit/server';
import { TOKEN_FIELD } from '../../shared/tokenField';
import type { CauseRunner } from './CauseContext';
import { callSite, replyText } from './callSite';
import { clientReason } from './clientReason';
import { submitForm } from './submitForm';
import { submitNext } from './submitNext';
import { widgetForm } from './widgetForm';

/** Cause 2: a token is submitted, then replayed straight to the server (`token_consumed`); the next submit is fresh. */
export const runReplay: CauseRunner = async ({ view }) => {
  const { form, widget, path } = widgetForm(view.section);
  view.progress('Submitting the form…');
  const first = await submitForm({ form, widget });
  const token = first.get(TOKEN_FIELD);
  const firstReply = await callSite({ path: path('/submit'), body: first });
  const client = view.client.step('first', 'The first submit');
  client.fact('token', 'token sent', redactToken(token));
  client.fact('answer', 'answer', replyText(firstReply));
  client.fact('status', 'widget status after it', widget.status);
  view.name('client', clientReason(widget.status));
  view.server.step('first', 'The first submit').log(firstReply.log);

  view.progress('Replaying the same token straight to the server…');
  const replay = await callSite({ path: path('/submit'), body: { [TOKEN_FIELD]: String(token) } });
  view.client
    .step('replay', 'The replay (bypassing the element)')
    .fact('answer', 'answer', replyText(replay));
  view.server.step('replay', 'The replay').log(replay.log);
  view.name('server', replay.log?.named ?? 'none');

  view.progress('Submitting the form again…');
  await submitNext({ view, form, widget, path });
};
