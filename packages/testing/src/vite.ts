import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Connect, Plugin } from 'vite';
import { createFakeCaptchala, type FakeCaptchalaOptions } from './createFakeCaptchala';
import { TEST_APP_KEYS } from './testApps';

const VIRTUAL_ID = 'virtual:captchala-fake';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

export type CaptchalaFakePluginOptions = FakeCaptchalaOptions;

export interface CaptchalaFakePlugin extends Plugin {
  /** The mounted stand-in, for dev-server middleware that validates tokens or inspects state. */
  api: { fake: ReturnType<typeof createFakeCaptchala>; basePath: string };
}

/**
 * Mounts the offline CaptchaLa into the Vite dev and preview servers under `basePath` (default `/__captchala`):
 * pages load `/__captchala/captchala-loader.js` same-origin, and servers validate at `<origin>/__captchala/v1/…`.
 * Page code imports the URLs from `virtual:captchala-fake` (types: `@captchala-kit/testing/client`).
 */
export function captchalaFake(options: CaptchalaFakePluginOptions = {}): CaptchalaFakePlugin {
  const basePath = options.basePath ?? '/__captchala';
  const fake = createFakeCaptchala({ ...options, basePath });
  const mount = (middlewares: Connect.Server) => {
    middlewares.use((req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction) => {
      fake.handler.handle(req, res).then((handled) => {
        if (!handled) next();
      }, next);
    });
  };
  return {
    name: 'captchala-fake',
    api: { fake, basePath },
    configureServer: (server) => mount(server.middlewares),
    configurePreviewServer: (server) => mount(server.middlewares),
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
