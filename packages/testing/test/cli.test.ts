import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

const running = new Set<ChildProcess>();
afterEach(() => {
  // A test that failed half-way never leaves a stand-in listening.
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** Runs `captchala-fake` on a free port until it says it runs, then stops it; resolves with all it printed. */
async function runCli(host: string): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--host', host, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const closed = once(child, 'close');
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('Offline CaptchaLa running')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`captchala-fake exited (${code}) before running:\n${stderr}`)),
    );
  });
  child.kill('SIGTERM');
  await closed; // every byte of both streams is in
  running.delete(child);
  return { stdout, stderr };
}

describe('the captchala-fake CLI', () => {
  test('--host 0.0.0.0 warns that the stand-in and its /__control endpoints are reachable from the network', async () => {
    const { stdout, stderr } = await runCli('0.0.0.0');
    expect(stdout).toMatch(/loader: {2}http:\/\/0\.0\.0\.0:\d+\/captchala-loader\.js/);
    expect(stderr).toMatch(
      /captchala-fake: listening on 0\.0\.0\.0 .*\/__control endpoints reachable from the network/,
    );
  }, 30_000);

  test('the default loopback host runs without the warning', async () => {
    const { stdout, stderr } = await runCli('127.0.0.1');
    expect(stdout).toMatch(/loader: {2}http:\/\/127\.0\.0\.1:\d+\/captchala-loader\.js/);
    expect(stderr).not.toContain('captchala-fake:');
  }, 30_000);
});
