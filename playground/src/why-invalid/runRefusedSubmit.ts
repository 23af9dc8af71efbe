import { redactToken } from '@captchala-kit/server';
import { TOKEN_FIELD } from '../../shared/tokenField';
import type { CauseRunner } from './CauseContext';
import { callSite, replyCode, replyText } from './callSite';
import { submitForm } from './submitForm';
import { widgetForm } from './widgetForm';

/**
 * Causes 3a and 3b: one submission to a site route whose validation fails for a reason that is not the token's
 * (a wrong secret, CaptchaLa unavailable). The user's answer names only the kind; the log says why.
 */
export function runRefusedSubmit(options: { route: string }): CauseRunner {
  return async ({ view }) => {
    const { form, widget, path } = widgetForm(view.section);
    view.progress('Submitting the form…');
    const sent = await submitForm({ form, widget });
    const reply = await callSite({ path: path(options.route), body: sent });
    const client = view.client.step('submit', 'The submit');
    client.fact('token', 'token sent', redactToken(sent.get(TOKEN_FIELD)));
    client.fact('answer', 'answer', replyText(reply));
    client.fact('status', 'widget status after it', `${widget.status}: the next submit gets a new token`);
    view.name('client', replyCode(reply));
    view.server.step('submit', 'The submit').log(reply.log);
    view.name('server', reply.log?.named ?? 'none');
    view.progress('Done.');
  };
}
