import { createServerTokenHandler, toNodeHandler } from '@captchala-kit/server';
import type { Plugin } from 'vite';
import { WHY_INVALID_BASE } from '../shared/paths';
import { type BackendServer, playgroundClients } from './playgroundClients';
import type { PlaygroundConfig } from './playgroundConfig';
import { createSubmitHandler } from './submitHandler';
import { whyInvalidRoutes } from './whyInvalidRoutes';

/** Every action the playground's pages use: the server-token endpoint issues `sct_` for these only. */
const ACTIONS = ['login', 'signup', 'comment', 'contact', 'search', 'verify', 'native'];

/**
 * The playground's site backend, built on `@captchala-kit/server` the way a site would: `POST /api/submit`
 * validates a form's pass token, `POST /api/server-token` issues `sct_` for the element's `server-token-url`,
 * and `/api/why-invalid/*` reproduces each cause of "captcha is invalid" for pages/why-invalid.html.
 * Bodies are capped at 64 KB (413) before they are read whole.
 */
export function siteBackend(options: { config: PlaygroundConfig }): Plugin {
  const { config } = options;
  const mount = (server: BackendServer) => {
    const clients = playgroundClients({ config, server });
    const submit = toNodeHandler(createSubmitHandler({ config, clients }));
    let serverToken: ReturnType<typeof toNodeHandler> | undefined;
    server.middlewares.use('/api/submit', (req, res, next) => {
      if (req.method !== 'POST') return next();
      submit(req, res, next);
    });
    server.middlewares.use('/api/server-token', (req, res, next) => {
      // Created on first use: the client needs the server's address, known once it listens.
      serverToken ??= toNodeHandler(
        createServerTokenHandler({ client: clients.clientFor(config.serverTokenAppKey), actions: ACTIONS }),
      );
      serverToken(req, res, next);
    });
    const whyInvalid = whyInvalidRoutes({ config, clients });
    server.middlewares.use(WHY_INVALID_BASE, whyInvalid.routes);
    server.middlewares.use(whyInvalid.framePolicy);
  };
  return {
    name: 'captchala-playground-backend',
    // The same backend beside the dev server and beside `vite preview` of the built pages (the docs site's).
    configureServer: mount,
    configurePreviewServer: mount,
  };
}
