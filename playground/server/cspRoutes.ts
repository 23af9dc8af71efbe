import { CaptchalaHttpError, type NodeHandler, readCaptchalaToken } from '@captchala-kit/server';
import { WHY_INVALID_BASE } from '../shared/paths';
import { blocksCaptchalaScript, CSP_FRAME_PAGE, cspFrameHeaders, readCspReport } from './cspFrame';
import { logFact, type SiteLogEntry } from './siteLog';
import { refused, web } from './siteResponses';
import type { WhyInvalidSite } from './whyInvalidSite';

const RUN_ID = /^[a-z0-9]{1,32}$/;

const submissionsOf = (entry: SiteLogEntry) =>
  Number(entry.facts.find((fact) => fact.key === 'submissions')?.value ?? 0);

/**
 * Cause 5, per run (`?run=<id>`, logged as `csp-<id>`): `POST /csp/report` takes the browser's violation reports,
 * `POST /csp/submit` counts (and validates) what the frame's form submits. The frame page itself is a built page;
 * `cspFramePolicy` gives it its policy.
 */
export function cspRoutes(site: WhyInvalidSite): Record<string, NodeHandler> {
  const runOf = (request: Request) => {
    const run = new URL(request.url).searchParams.get('run') ?? '';
    if (!RUN_ID.test(run))
      throw new CaptchalaHttpError(400, 'invalid_run', 'run must be 1-32 letters or digits.');
    return { run, entry: site.log.entry(`csp-${run}`) };
  };

  /** The browser's own report: the site names what its CSP blocked. */
  const report = web(async (request) => {
    const { entry } = runOf(request);
    const received = readCspReport(await request.json().catch(() => null));
    if (!received) return refused(400, 'invalid_body', 'Expected a report-uri CSP report.');
    logFact(
      entry,
      'csp-report',
      'CSP report from the browser',
      `${received.directive} refused ${received.blockedUri}`,
    );
    if (blocksCaptchalaScript(received, site.config.loaderUrl)) entry.named = 'loader_blocked_csp';
    return new Response(null, { status: 204 });
  });

  const submit = web(async (request) => {
    const { entry } = runOf(request);
    logFact(entry, 'submissions', 'form submissions received', String(submissionsOf(entry) + 1));
    const { token } = await readCaptchalaToken(request);
    return site.validated(request, { token });
  });

  return { 'POST /csp/report': report, 'POST /csp/submit': submit };
}

/**
 * Middleware for the whole server: a request for the frame page (`…/pages/csp-blocked-frame.html?run=<id>`, under
 * whatever base the pages are served from) gets the nonce-only CSP reporting to its run, and counts as a load.
 */
export function cspFramePolicy(site: WhyInvalidSite): NodeHandler {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://site');
    if (req.method !== 'GET' || !url.pathname.endsWith(`/${CSP_FRAME_PAGE}`)) return next?.();
    const run = url.searchParams.get('run') ?? '';
    if (!RUN_ID.test(run)) {
      res.statusCode = 400;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('run must be 1-32 letters or digits.');
      return;
    }
    const entry = site.log.entry(`csp-${run}`);
    logFact(entry, 'submissions', 'form submissions received', String(submissionsOf(entry)));
    for (const [name, value] of Object.entries(
      cspFrameHeaders({ reportUrl: `${WHY_INVALID_BASE}/csp/report?run=${run}` }),
    ))
      res.setHeader(name, value);
    next?.();
  };
}
