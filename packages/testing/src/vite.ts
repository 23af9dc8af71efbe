import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Connect, Logger, Plugin } from 'vite';
import { createFakeCaptchala, type FakeCaptchalaOptions } from './createFakeCaptchala';
import { isLoopbackHost } from './isLoopbackHost';
import { createFakeCaptchalaHandler, type FakeCaptchalaHandler } from './server/createFakeCaptchalaHandler';
import { TEST_APP_KEYS } from './testApps';

const VIRTUAL_ID = 'virtual:captchala-fake';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

export interface CaptchalaFakePluginOptions extends FakeCaptchalaOptions {
  /**
   * Serve the test-only `/__control/*` and `/__site/*` endpoints and the CDN files' `?scenario=` switches in
   * `vite preview` too (default false: a preview server is often reachable by others; the dev server always has
   * them). The endpoints answer same-origin requests only, whatever Vite's CORS allows.
   */
  controlInPreview?: boolean;
}

export interface CaptchalaFakePlugin extends Plugin {
  /** The mounted stand-in, for dev-server middleware that validates tokens or inspects state. */
  api: { fake: ReturnType<typeof createFakeCaptchala>; basePath: string };
}

function warnIfExposed(host: string | boolean | undefined, logger: Logger): void {
  if (isLoopbackHost(host)) return;
  logger.warn(
    `\n  ⚠ captchala-fake: this server listens on ${host === true ? 'every interface' : host}, so anyone on the network can reach the offline CaptchaLa stand-in (test keys, its tokens, and in dev its /__control endpoints). Use it on a trusted network only, or bind to 127.0.0.1.\n`,
  );
}

/**
 * Mounts the offline CaptchaLa into the Vite dev and preview servers under `basePath` (default `/__captchala`):
 * pages load `/__captchala/captchala-loader.js` same-origin, and servers validate at `<origin>/__captchala/v1/…`.
 * Page code imports the URLs from `virtual:captchala-fake` (types: `@captchala-kit/testing/client`).
 */
export function captchalaFake(options: CaptchalaFakePluginOptions = {}): CaptchalaFakePlugin {
  const { controlInPreview = false, ...fakeOptions } = options;
  const basePath = fakeOptions.basePath ?? '/__captchala';
  const fake = createFakeCaptchala({ ...fakeOptions, basePath });
  const mount = (middlewares: Connect.Server, handler: FakeCaptchalaHandler) => {
    middlewares.use((req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction) => {
      handler.handle(req, res).then((handled) => {
        if (!handled) next();
      }, next);
    });
  };
  return {
    name: 'captchala-fake',
    api: { fake, basePath },
    configureServer(server) {
      warnIfExposed(server.config.server.host, server.config.logger);
      mount(server.middlewares, fake.handler);
    },
    configurePreviewServer(server) {
      warnIfExposed(server.config.preview.host, server.config.logger);
      const handler = createFakeCaptchalaHandler({
        state: fake.state,
        basePath,
        appSecret: fake.appSecret,
        testEndpoints: controlInPreview,
      });
      mount(server.middlewares, handler);
    },
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      return [
        `export const baseUrl = ${JSON.stringify(basePath)};`,
        `export const loaderUrl = ${JSON.stringify(`${basePath}/captchala-loader.js`)};`,
        `export const apiUrl = ${JSON.stringify(basePath)};`,
        `export const testAppKeys = ${JSON.stringify(TEST_APP_KEYS)};`,
      ].join('\n');
    },
  };
}
