import { randomUUID } from 'node:crypto';
import { type NodeHandler, readCaptchalaToken, redactToken } from '@captchala-kit/server';
import { logFact } from './siteLog';
import { json, refused, web, withRequestId } from './siteResponses';
import type { WhyInvalidSite } from './whyInvalidSite';

const CSRF_HEADER = 'x-csrf-token';

/**
 * Cause 6: `GET /csrf/token` gives the site's CSRF token; `POST /csrf/submit` refuses a submission without it
 * before the captcha is looked at, as a CSRF or WAF layer does, and validates the token otherwise.
 */
export function csrfRoutes(site: WhyInvalidSite): Record<string, NodeHandler> {
  // Per dev server here; per session on a real site.
  const csrfToken = randomUUID();

  const submit = web(async (request) => {
    const { token } = await readCaptchalaToken(request);
    const sent = request.headers.get(CSRF_HEADER);
    if (sent !== csrfToken) {
      const id = randomUUID();
      const entry = site.log.entry(id);
      entry.named = 'csrf_failed';
      logFact(entry, 'csrf', 'CSRF check', sent ? 'wrong X-CSRF-Token' : 'no X-CSRF-Token header');
      logFact(
        entry,
        'token',
        'token',
        `${redactToken(token)}, never validated: refused before the captcha check`,
      );
      const answer = refused(
        403,
        'csrf_failed',
        'This form was not sent by this site or it expired: reload the page.',
      );
      return withRequestId(answer, id);
    }
    return site.validated(request, { token, facts: [['csrf', 'CSRF check', 'passed']] });
  });

  return {
    'GET /csrf/token': web(async () => json({ csrf_token: csrfToken })),
    'POST /csrf/submit': submit,
  };
}
