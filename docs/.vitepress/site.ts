// The docs site, with the playground's scenario pages as its live examples (docs/.vitepress/playgroundExamples.ts):
//   node docs/.vitepress/site.ts dev [--port N]       VitePress with HMR, the examples on the offline stand-in
//   node docs/.vitepress/site.ts build                the static site in docs/dist (examples in docs/dist/examples)
//   node docs/.vitepress/site.ts preview [--port N]   docs/dist as built, with the examples' backend and the stand-in
// The examples run on the offline stand-in unless CAPTCHALA_APP_KEY (and _SECRET) are set (playground/server/playgroundConfig.ts);
// `--offline` ignores them, as the e2e run does.
// Each regenerates the API reference first (docs/reference/api, never committed).
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { preview } from 'vite';
import { build, createServer } from 'vitepress';
import { generateReference } from '../../scripts/docs/generateReference';

// VitePress bundles its config (Vite's default loader), which Vite 8 warns may not load natively one day; the
// playground's config, which the site loads for its examples, is loaded natively (through tsx) as everywhere else.
process.env['VITE_CONFIG_NATIVE_IGNORE_WARNING'] ??= 'true';

const docsRoot = fileURLToPath(new URL('..', import.meta.url));
const playgroundRoot = fileURLToPath(new URL('../../playground', import.meta.url));
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string' }, offline: { type: 'boolean', default: false } },
});
const [command = 'dev'] = positionals;
const port = values.port === undefined ? undefined : Number(values.port);
if (values.offline) {
  for (const name of Object.keys(process.env)) if (name.startsWith('CAPTCHALA_')) delete process.env[name];
}

if (command === 'dev' || command === 'build') await generateReference();

switch (command) {
  case 'dev': {
    const server = await createServer(docsRoot, { host: '127.0.0.1', ...(port ? { port } : {}) });
    await server.listen();
    server.printUrls();
    break;
  }
  case 'build':
    await build(docsRoot);
    break;
  case 'preview': {
    // The playground's config (its stand-in, pages' config and site backend), serving the whole built site.
    const server = await preview({
      root: playgroundRoot,
      configFile: `${playgroundRoot}/vite.config.ts`,
      configLoader: 'native',
      base: '/',
      build: { outDir: `${docsRoot}/dist` },
      preview: { host: '127.0.0.1', ...(port ? { port, strictPort: true } : {}) },
    });
    server.printUrls();
    break;
  }
  default:
    console.error(`Unknown command "${command}": dev, build or preview.`);
    process.exit(1);
}
