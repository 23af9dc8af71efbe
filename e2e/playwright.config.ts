import { chromiumLaunchOptions } from '@captchala-kit/testing/chromium';
import { defineConfig, devices } from '@playwright/test';
import { findEngines, INSTALL_HINT } from '../scripts/engines/findEngines';
import { freePort } from '../scripts/freePort';
import type { EngineOptions } from './engineTest';

// A free 127.0.0.1 port, picked once by the runner and inherited by its workers through the environment.
process.env['PLAYGROUND_PORT'] ??= String(await freePort());
const port = Number(process.env['PLAYGROUND_PORT']);
const origin = `http://127.0.0.1:${port}`;
// The playground's scenario pages, as the docs site serves them (built, under /examples/); specs name them relatively
// (`pages/widget.html`), and the docs site's own pages from its root (`/guide/csp.html`).
const baseURL = `${origin}/examples/`;

export default defineConfig<EngineOptions>({
  testDir: './specs',
  fullyParallel: true,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  workers: 2,
  reporter: process.env['CI'] ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions() } },
    ...engineProjects(),
  ],
  webServer: {
    // The built docs site (`pnpm test:e2e` builds it first) with its examples' backend on the offline stand-in;
    // CAPTCHALA_APP_KEY would switch the examples to the real service, so clear it.
    command: `pnpm docs:preview --port ${port}`,
    url: `${origin}/index.html`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { CAPTCHALA_APP_KEY: '', CAPTCHALA_APP_SECRET: '' },
    cwd: '..',
  },
});

/**
 * The flows that matter to users, again in Firefox ESR and WebKitGTK (`e2e/engineTest.ts`): the widget page's forms,
 * strict CSP, the faults, React, Vue and "why invalid?". The rest (axe, the Playwright fixture, server tokens over
 * the wire) stays in Chromium. A missing engine is left out with a message; under CI it must be there.
 */
function engineProjects() {
  const found = findEngines();
  return (['firefox', 'webkit'] as const).flatMap((engine) => {
    if (found[engine]) {
      return [
        {
          name: engine,
          testMatch: /(widget|csp|faults|react|vue|why-invalid)\.spec\.ts$/,
          use: { engine } satisfies EngineOptions,
        },
      ];
    }
    const missing = `The ${engine} e2e project needs ${engine === 'firefox' ? 'Firefox' : 'WebKitGTK'}: ${INSTALL_HINT[engine]}.`;
    if (process.env['CI']) throw new Error(`${missing} CI runs every engine.`);
    console.warn(`⚠ ${missing} Skipping it.`);
    return [];
  });
}
