import { describe, expect, test } from 'vitest';
import { chromiumLaunchOptions } from '../src/chromium';

const ROOT = 0;
const USER = 1000;

describe('chromiumLaunchOptions', () => {
  test("falls back to Playwright's own Chromium when no system one exists", () => {
    expect(chromiumLaunchOptions({ env: {}, candidates: [], uid: USER })).toEqual({
      args: [],
      chromiumSandbox: true,
    });
  });

  test('uses the first system Chromium it finds, with quiet flags', () => {
    const options = chromiumLaunchOptions({
      env: {},
      candidates: ['/nonexistent/chromium', process.execPath],
      uid: USER,
    });
    expect(options.executablePath).toBe(process.execPath);
    expect(options.args).toEqual(
      expect.arrayContaining(['--disable-background-networking', '--no-first-run']),
    );
  });

  test('CHROMIUM_PATH wins, and a wrong one is a clear error', () => {
    expect(chromiumLaunchOptions({ env: { CHROMIUM_PATH: process.execPath } }).executablePath).toBe(
      process.execPath,
    );
    expect(() => chromiumLaunchOptions({ env: { CHROMIUM_PATH: '/nope/chromium' } })).toThrow(
      /CHROMIUM_PATH/,
    );
  });

  describe('the sandbox', () => {
    const system = { env: {}, candidates: [process.execPath] };

    test('stays on for a user that is not root: no --no-sandbox, and Playwright is told to sandbox', () => {
      for (const candidates of [[process.execPath], []]) {
        const options = chromiumLaunchOptions({ env: {}, candidates, uid: USER });
        expect(options.args).not.toContain('--no-sandbox');
        expect(options.chromiumSandbox).toBe(true);
      }
    });

    test('goes off as root, where Chromium cannot sandbox (CI containers), keeping the quiet flags', () => {
      for (const candidates of [[process.execPath], []]) {
        const options = chromiumLaunchOptions({ env: {}, candidates, uid: ROOT });
        expect(options.args).toContain('--no-sandbox');
        expect(options.chromiumSandbox).toBe(false);
      }
      expect(chromiumLaunchOptions({ ...system, uid: ROOT }).args).toEqual(
        expect.arrayContaining(['--no-sandbox', '--disable-sync', '--disable-component-update']),
      );
    });

    test.each([
      ['CHROMIUM_NO_SANDBOX=1', { env: { CHROMIUM_NO_SANDBOX: '1' } }],
      ['CHROMIUM_NO_SANDBOX=true', { env: { CHROMIUM_NO_SANDBOX: 'true' } }],
      ['noSandbox: true', { noSandbox: true }],
    ])('goes off for a user that is not root only when asked: %s', (_, asked) => {
      const options = chromiumLaunchOptions({ ...system, ...asked, uid: USER });
      expect(options.args).toContain('--no-sandbox');
      expect(options.chromiumSandbox).toBe(false);
    });

    test.each(['0', 'false', ''])('CHROMIUM_NO_SANDBOX=%j does not ask', (value) => {
      const options = chromiumLaunchOptions({ ...system, env: { CHROMIUM_NO_SANDBOX: value }, uid: USER });
      expect(options.args).not.toContain('--no-sandbox');
    });

    test('detects root through process.getuid() by default', () => {
      const asRoot = process.getuid?.() === 0;
      expect(chromiumLaunchOptions(system).args.includes('--no-sandbox')).toBe(asRoot);
    });

    test('each call gets its own args: a caller appending flags (Vitest does) changes no other call', () => {
      chromiumLaunchOptions({ ...system, uid: ROOT }).args.push('--remote-debugging-port=9222');
      expect(chromiumLaunchOptions({ ...system, uid: ROOT }).args).not.toContain(
        '--remote-debugging-port=9222',
      );
    });
  });
});
