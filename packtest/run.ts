// Proves the tarballs, not the workspace, work: packs every publishable package (as `pnpm publish` would), installs
// them into fresh throwaway apps (plain Vite, React, Vue: packtest/apps/*) outside the workspace, builds each app
// with Vite, serves it with `vite preview` (the packed stand-in mounted by its Vite plugin), and drives it in every
// engine there is (Chromium, Firefox ESR, WebKitGTK; `PACKTEST_ENGINES=chromium` for one): the widget loads, a
// submission carries a pass token, and the app's backend (the packed @captchala-kit/server) validates it. The
// production build of the element, in three engines. Run after `pnpm build`; exits non-zero on any failure.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '@captchala-kit/testing/chromium';
import { chromium, type Page } from 'playwright';
import { EnginePage } from '../e2e/engines/EnginePage';
import { Engine } from '../scripts/engines/EngineDriver';
import { findEngines } from '../scripts/engines/findEngines';
import { type DrivenEngine, launchEngine } from '../scripts/engines/launchEngine';
import { freePort } from '../scripts/freePort';
import { packPackages } from '../scripts/packPackages';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'captchala-packtest-'));
const only = process.argv.slice(2);

/**
 * What a user's app runs with: none of the workspace's Node options (pnpm's `nodeOptions` sets the source
 * condition and tsx for the repo's own tools; an app outside the workspace has neither).
 */
const appEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_OPTIONS'));

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: appEnv });
}

/** The version the workspace itself resolved for a dependency (so the apps test what the repo tests). */
function workspaceVersion(name: string): string {
  for (const from of ['playground', 'packages/react', 'packages/vue', '.']) {
    try {
      return JSON.parse(readFileSync(join(root, from, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      // not a dependency there
    }
  }
  throw new Error(`packtest: ${name} is not installed anywhere in the workspace`);
}

/** Copies an app template out of the workspace and points its @captchala-kit/* dependencies at the tarballs. */
function prepare(app: string, tarballs: Map<string, string>): string {
  const dir = join(work, app);
  cpSync(join(root, 'packtest/apps', app), dir, { recursive: true });
  cpSync(join(root, 'packtest/shared'), dir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const field of ['dependencies', 'devDependencies'] as const) {
    for (const [name, spec] of Object.entries<string>(pkg[field] ?? {})) {
      if (spec === 'packed') pkg[field][name] = `file:${tarballs.get(name)}`;
      else if (spec === 'workspace-version') pkg[field][name] = workspaceVersion(name);
    }
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  // The packed element depends on the packed core, not on a registry version: override every one of ours.
  const overrides = [...tarballs].map(([name, file]) => `  "${name}": "file:${file}"`).join('\n');
  writeFileSync(join(dir, 'pnpm-workspace.yaml'), `overrides:\n${overrides}\n`);
  return dir;
}

async function preview(dir: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'pnpm',
    ['exec', 'vite', 'preview', '--port', String(port), '--strictPort'],
    {
      cwd: dir,
      stdio: 'ignore',
      env: appEnv,
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return { url, stop: () => child.kill() };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error(`vite preview did not answer at ${url}`);
}

/** Loads the app, waits for the widget, submits, and expects the backend to have validated a pass token. */
async function drive(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('captchala-widget[data-status="ready"]').first().waitFor({ timeout: 15_000 });
  // The built (minified) CSS applies: the status line is set at 0.85em of the widget's font size.
  const ratio = await page
    .locator('captchala-widget')
    .first()
    .evaluate(
      (widget) =>
        Number.parseFloat(getComputedStyle(widget.shadowRoot!.querySelector('[part="status"]')!).fontSize) /
        Number.parseFloat(getComputedStyle(widget).fontSize),
    );
  if (Math.abs(ratio - 0.85) > 0.01)
    throw new Error(`the widget's styles did not apply (font ratio ${ratio})`);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#out', { hasText: '"valid":true' }).waitFor({ timeout: 15_000 });
  const out = await page.locator('#out').textContent();
  if (!out?.includes('"prefix":"pt_"')) throw new Error(`unexpected answer: ${out}`);
}

/** The engines to drive each app in: every one installed, or those `PACKTEST_ENGINES` names. */
function engines(): Engine[] {
  const found = findEngines();
  const installed = [
    Engine.Chromium,
    ...([Engine.Firefox, Engine.WebKit] as const).filter((engine) => found[engine]),
  ];
  const asked = process.env['PACKTEST_ENGINES']?.split(',');
  return asked ? installed.filter((engine) => asked.includes(engine)) : installed;
}

/** Runs `drive` in one engine: Playwright's Chromium (page errors fail it), or Firefox/WebKit through a driver. */
async function driveIn(engine: Engine, url: string): Promise<void> {
  if (engine === Engine.Chromium) {
    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await drive(page, url);
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    } finally {
      await browser.close();
    }
    return;
  }
  const driver = await launchEngine(engine as DrivenEngine);
  try {
    await drive(new EnginePage(driver, url) as unknown as Page, url);
  } finally {
    await driver.close();
  }
}

const failures: string[] = [];
try {
  const tarballs = packPackages(join(work, 'tarballs'));
  const apps = readdirSync(join(root, 'packtest/apps')).filter(
    (app) => only.length === 0 || only.includes(app),
  );
  for (const app of apps) {
    const started = performance.now();
    try {
      const dir = prepare(app, tarballs);
      run('pnpm', ['install', '--prefer-offline', '--config.auto-install-peers=true', '--silent'], dir);
      run('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], dir);
      const server = await preview(dir);
      const driven = engines();
      try {
        for (const engine of driven) await driveIn(engine, server.url);
      } finally {
        server.stop();
      }
      console.log(
        `packtest ${app}: ok in ${driven.join(', ')} (${Math.round(performance.now() - started)} ms, Node ${process.version})`,
      );
    } catch (error) {
      failures.push(app);
      console.error(`packtest ${app}: FAILED\n${error instanceof Error ? error.stack : String(error)}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`packtest failed: ${failures.join(', ')}`);
  process.exit(1);
}
