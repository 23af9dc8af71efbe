import { redactToken } from '@captchala-kit/server';
import { TOKEN_FIELD } from '../../shared/tokenField';
import { callSite, replyText } from './callSite';
import type { CauseView } from './causeView';
import { submitForm } from './submitForm';
import type { widgetForm } from './widgetForm';

/** The user's next submit, through the widget: it must carry a fresh token the site accepts (both columns say so). */
export async function submitNext(
  options: { view: CauseView } & ReturnType<typeof widgetForm>,
): Promise<void> {
  const { view, form, widget, path } = options;
  const sent = await submitForm({ form, widget });
  const next = await callSite({ path: path('/submit'), body: sent });
  const step = view.client.step('next', 'The next submit');
  step.fact('token', 'token sent', redactToken(sent.get(TOKEN_FIELD)));
  step.fact('answer', 'answer', replyText(next));
  view.server.step('next', 'The next submit').log(next.log);
  view.mark('next-verdict', next.answer.ok ? 'valid' : 'refused');
  view.progress('Done.');
}
