import { redactToken } from '@captchala-kit/server';
import { WHY_INVALID_BASE } from '../../shared/paths';
import { TOKEN_FIELD } from '../../shared/tokenField';
import type { CauseRunner } from './CauseContext';
import { callSite, replyCode, replyText, type SiteReply, siteLog } from './callSite';
import type { CauseView } from './causeView';
import { submitForm } from './submitForm';
import { whenReady } from './whenReady';
import { widgetForm } from './widgetForm';

/** What the form's submissions claim as the client's address (TEST-NET-3: nobody's). */
const SPOOFED = '203.0.113.9';

type Parsing = 'naive' | 'trusted';

/**
 * Cause 4. Gives the section's widget server tokens bound to the client's IP by the site behind the simulated
 * proxy, and returns the runner: one submission (with a spoofed `X-Forwarded-For`) to a site taking the left-most
 * entry, one to a site using `getClientIp(request, {trustProxy: 1})`.
 */
export function ipMismatchRunner(options: { section: HTMLElement }): CauseRunner {
  const { form, widget, path } = widgetForm(options.section);
  let parsing: Parsing = 'naive';
  let issueId: string | null = null;
  widget.serverTokenProvider = async ({ action, signal }) => {
    const response = await fetch(`${WHY_INVALID_BASE}${path('/ip/server-token')}&parsing=${parsing}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action }),
      signal,
    });
    if (!response.ok) throw new Error(`the server-token route answered HTTP ${response.status}`);
    issueId = response.headers.get('x-request-id');
    const answer = (await response.json()) as { server_token: string; expires_in: number };
    return { serverToken: answer.server_token, expiresIn: answer.expires_in };
  };

  async function submitTo(view: CauseView, mode: Parsing, title: string): Promise<SiteReply> {
    parsing = mode;
    // A new instance with a server token from this site, bound to the IP it parsed.
    await widget.reset();
    await whenReady(widget);
    view.server
      .step(`${mode}-issue`, `${title}: the server token`)
      .log(issueId ? await siteLog(issueId) : null);
    const sent = await submitForm({ form, widget });
    const reply = await callSite({
      path: `${path('/ip/submit')}&parsing=${mode}`,
      body: sent,
      headers: { 'x-forwarded-for': SPOOFED },
    });
    const client = view.client.step(mode, title);
    client.fact('forwarded', 'X-Forwarded-For sent', SPOOFED);
    client.fact('token', 'token sent', redactToken(sent.get(TOKEN_FIELD)));
    client.fact('answer', 'answer', replyText(reply));
    view.server.step(mode, `${title}: the submit`).log(reply.log);
    return reply;
  }

  return async ({ view }) => {
    view.progress('Submitting to a site that takes the left-most X-Forwarded-For entry…');
    const naive = await submitTo(view, 'naive', 'Left-most entry (naive)');
    view.name('client', replyCode(naive));
    view.name('server', naive.log?.named ?? 'none');
    view.progress('Submitting to a site using getClientIp(request, {trustProxy: 1})…');
    const trusted = await submitTo(view, 'trusted', 'getClientIp, trustProxy: 1');
    view.mark('trusted-verdict', replyCode(trusted));
    view.mark('ip-source', trusted.log?.facts.find((fact) => fact.key === 'ip-source')?.value ?? 'none');
    view.progress('Done.');
  };
}
