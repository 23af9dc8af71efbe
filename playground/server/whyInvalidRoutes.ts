import { type NodeHandler, readCaptchalaToken } from '@captchala-kit/server';
import { cspFramePolicy, cspRoutes } from './cspRoutes';
import { csrfRoutes } from './csrfRoutes';
import { ipRoutes } from './ipRoutes';
import type { PlaygroundClients } from './playgroundClients';
import { appKeyOf, type PlaygroundConfig } from './playgroundConfig';
import { json, refused, web } from './siteResponses';
import { whyInvalidSite } from './whyInvalidSite';

/** Not the app's secret: what a stale or swapped environment variable gives a deployment. */
const WRONG_SECRET = 'staging_secret_0b7e41';

export interface WhyInvalidRoutesOptions {
  config: PlaygroundConfig;
  clients: PlaygroundClients;
}

/**
 * The site backend of the "why invalid?" page: one route per way a captcha
 * "fails", each answering what a site answers its user (with an `X-Request-Id`) and logging what a site logs,
 * which `GET /log/<id>` shows the page. Never the secret or a whole token.
 */
export interface WhyInvalidBackend {
  /** The routes, to mount at `WHY_INVALID_BASE`. */
  routes: NodeHandler;
  /** For the whole server: gives cause 5's frame page its CSP (see `cspFramePolicy`). */
  framePolicy: NodeHandler;
}

export function whyInvalidRoutes(options: WhyInvalidRoutesOptions): WhyInvalidBackend {
  const site = whyInvalidSite(options);
  const routes: Record<string, NodeHandler> = {
    // Causes 1 and 2 (and 3b, through a stand-in key answering 503), and 7's forged token.
    'POST /submit': web(async (request) => {
      const { token } = await readCaptchalaToken(request);
      return site.validated(request, { token });
    }),
    // Cause 3a.
    'POST /wrong-secret': web(async (request) => {
      const { token } = await readCaptchalaToken(request);
      const appKey = appKeyOf(site.config, request);
      return site.validated(request, {
        client: site.clients.clientWithSecret({ appKey, appSecret: WRONG_SECRET }),
        token,
      });
    }),
    // Cause 7: a route that opted in to client-only tokens (the official SDKs' rule), with an expected action.
    'POST /forged/accept-client-only': web(async (request) => {
      const { token } = await readCaptchalaToken(request);
      return site.validated(request, {
        token,
        acceptClientOnly: true,
        facts: [['policy', 'policy', 'acceptClientOnly: true, expectedAction: login']],
      });
    }),
    ...ipRoutes(site),
    ...cspRoutes(site),
    ...csrfRoutes(site),
  };
  const readLog = web(async (request) => {
    const id = decodeURIComponent(new URL(request.url).pathname.slice('/log/'.length));
    const entry = site.log.get(id);
    return entry ? json(entry) : refused(404, 'not_found', `Nothing logged under "${id}".`);
  });

  const dispatch: NodeHandler = (req, res, next) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    const route =
      path.startsWith('/log/') && req.method === 'GET' ? readLog : routes[`${req.method} ${path}`];
    if (!route) return next?.();
    route(req, res, next);
  };
  return { routes: dispatch, framePolicy: cspFramePolicy(site) };
}
