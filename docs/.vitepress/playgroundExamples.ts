// The docs site's live examples are the playground's scenario pages, one source: `playground/` keeps them, and the
// site serves them under `/examples/`. In `docs:dev` the playground's own dev server runs beside VitePress (with
// HMR) behind a proxy; `docs:build` builds the pages into `dist/examples/`, where `docs:preview` serves them with
// the playground's backend and the offline stand-in (scripts/docs/serve.ts).
import { fileURLToPath } from 'node:url';
import { build, createServer, type Plugin, type ProxyOptions, type ViteDevServer } from 'vite';

/** Where the scenario pages live in the site. */
export const EXAMPLES_BASE = '/examples/';

export const playgroundRoot = fileURLToPath(new URL('../../playground', import.meta.url));
const playgroundConfigFile = `${playgroundRoot}/vite.config.ts`;

/**
 * What the pages reach outside their base: the stand-in CaptchaLa (`/__captchala`) and the site backend (`/api`),
 * which the playground mounts at the server's root as a site would. See playground/shared/paths.ts.
 */
const ROOT_PATHS = ['/__captchala', '/api'];

/** `server.proxy` for VitePress's dev server: the examples, their backend and their HMR socket, to `target`. */
export function examplesProxy(target: string): Record<string, ProxyOptions> {
  return Object.fromEntries(
    [EXAMPLES_BASE.slice(0, -1), ...ROOT_PATHS].map((path) => [path, { target, ws: path !== '/api' }]),
  );
}

/** Starts the playground's dev server on `port` (127.0.0.1) with the examples' base, next to VitePress's. */
export function playgroundExamples(options: { port: number }): Plugin {
  let playground: ViteDevServer | undefined;
  return {
    name: 'captchala-docs-examples',
    apply: 'serve',
    async configureServer(server) {
      playground = await createServer({
        root: playgroundRoot,
        configFile: playgroundConfigFile,
        configLoader: 'native',
        base: EXAMPLES_BASE,
        logLevel: 'warn',
        server: { host: '127.0.0.1', port: options.port, strictPort: true },
      });
      await playground.listen();
      server.httpServer?.once('close', () => void playground?.close());
    },
  };
}

/** Builds the scenario pages into `<outDir>/examples/`. */
export async function buildExamples(options: { outDir: string }): Promise<void> {
  await build({
    root: playgroundRoot,
    configFile: playgroundConfigFile,
    configLoader: 'native',
    base: EXAMPLES_BASE,
    logLevel: 'warn',
    build: { outDir: `${options.outDir}${EXAMPLES_BASE}`, emptyOutDir: true },
  });
}
