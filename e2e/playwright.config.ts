import { chromiumLaunchOptions } from '@captchala-kit/testing/chromium';
import { defineConfig, devices } from '@playwright/test';
import { freePort } from '../scripts/freePort';

// A free 127.0.0.1 port, picked once by the runner and inherited by its workers through the environment.
process.env['PLAYGROUND_PORT'] ??= String(await freePort());
const port = Number(process.env['PLAYGROUND_PORT']);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
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
  ],
  webServer: {
    // The playground on the offline stand-in; CAPTCHALA_APP_KEY would switch it to the real service, so clear it.
    command: `pnpm --filter @captchala-kit/playground exec vite --configLoader native --host 127.0.0.1 --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { CAPTCHALA_APP_KEY: '', CAPTCHALA_APP_SECRET: '' },
    cwd: '..',
  },
});
