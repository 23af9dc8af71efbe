import { connectStandIn } from '@captchala-kit/testing/stand-in';
import { FAKE_BASE_PATH } from '../../shared/paths';
import { TOKEN_FIELD } from '../../shared/tokenField';
import type { CauseRunner } from './CauseContext';
import { callSite, replyCode, replyText } from './callSite';

/** Validations the stand-in answered so far: a refusal decided without a call leaves it as it was. */
async function validationCount(): Promise<number> {
  return (await connectStandIn({ baseUrl: FAKE_BASE_PATH }).inspect()).validations.length;
}

/**
 * Cause 7: a typed `client_` token, posted the way a script would, without a widget. The site refuses it as
 * `client_only_token` before any call; a route that opted in with `acceptClientOnly: true` still refuses it,
 * because the action it expects is one a client-only token cannot carry.
 */
export const runForged: CauseRunner = async ({ view, offline }) => {
  // What a forger sends: the prefix and anything after it.
  const forged = `client_${crypto.randomUUID().replaceAll('-', '')}`;
  const before = offline ? await validationCount() : 0;

  view.progress('Posting a typed client_ token to the site…');
  const refused = await callSite({ path: '/submit', body: { [TOKEN_FIELD]: forged } });
  const client = view.client.step('first', 'The forged token, posted without a widget');
  client.fact('token', 'token sent', `${forged.slice(0, 13)}…`);
  client.fact('answer', 'answer', replyText(refused));
  view.name('client', replyCode(refused));
  view.server.step('first', 'The forged token').log(refused.log);
  view.name('server', refused.log?.named ?? 'none');
  if (offline) {
    const calls = String((await validationCount()) - before);
    view.server.step('calls', 'CaptchaLa (stand-in)').fact('calls', 'validations asked for', calls);
    view.mark('captchala-calls', calls);
  }

  view.progress('Posting it to a route with acceptClientOnly: true…');
  const optIn = await callSite({ path: '/forged/accept-client-only', body: { [TOKEN_FIELD]: forged } });
  view.client
    .step('opt-in', 'The same token, where acceptClientOnly is on')
    .fact('answer', 'answer', replyText(optIn));
  view.server.step('opt-in', 'acceptClientOnly: true, expectedAction: login').log(optIn.log);
  view.mark('opt-in-verdict', optIn.answer.ok ? 'valid' : replyCode(optIn));
  view.progress('Done.');
};
