import { type NodeHandler, readCaptchalaToken } from '@captchala-kit/server';
import { behindSimulatedProxy } from './behindSimulatedProxy';
import { clientIpFor, IpParsing } from './clientIpFor';
import { logFact } from './siteLog';
import { json, refused, web, withRequestId } from './siteResponses';
import { ACTION, type WhyInvalidSite } from './whyInvalidSite';

const parsingOf = (request: Request) =>
  new URL(request.url).searchParams.get('parsing') === IpParsing.Trusted
    ? IpParsing.Trusted
    : IpParsing.Naive;

/**
 * Cause 4, behind the simulated proxy: `POST /ip/server-token` issues server tokens bound to the client's IP and
 * `POST /ip/submit` validates with it, the IP parsed as `?parsing=naive|trusted` says.
 */
export function ipRoutes(site: WhyInvalidSite): Record<string, NodeHandler> {
  const serverToken = web(async (request) => {
    const body = (await request.json().catch(() => null)) as { action?: unknown } | null;
    if (body?.action !== ACTION) return refused(400, 'unknown_action', `Only "${ACTION}" is issued here.`);
    const resolved = clientIpFor(request, parsingOf(request));
    const issued = await site
      .clientOf(request)
      .issueServerToken({ action: ACTION, bindIp: resolved.ip ?? undefined });
    const entry = site.log.entry(issued.requestId);
    logFact(entry, 'bound-ip', 'server token bound to', `${resolved.ip ?? 'no IP'} (${resolved.source})`);
    if (!issued.ok) {
      entry.named = issued.kind;
      logFact(entry, 'verdict', 'issueServerToken()', `${issued.kind}: ${issued.reason}`);
      const answer = refused(503, 'server_token_unavailable', 'Verification is unavailable right now.');
      return withRequestId(answer, issued.requestId);
    }
    const answer = { server_token: issued.serverToken, expires_in: issued.expiresIn, action: ACTION };
    return withRequestId(json(answer), issued.requestId);
  });

  const submit = web(async (request) => {
    const resolved = clientIpFor(request, parsingOf(request));
    const { token } = await readCaptchalaToken(request);
    return site.validated(request, {
      token,
      clientIp: resolved.clientIp,
      facts: [
        ['forwarded', 'X-Forwarded-For as the app got it', request.headers.get('x-forwarded-for') ?? ''],
        ['client-ip', 'client IP sent to CaptchaLa', resolved.ip ?? 'none'],
        ['ip-source', 'taken from', resolved.source],
      ],
    });
  });

  return {
    'POST /ip/server-token': behindSimulatedProxy(serverToken),
    'POST /ip/submit': behindSimulatedProxy(submit),
  };
}
