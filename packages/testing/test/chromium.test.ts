import { describe, expect, test } from 'vitest';
import { chromiumLaunchOptions } from '../src/chromium';

describe('chromiumLaunchOptions', () => {
  test("falls back to Playwright's own Chromium when no system one exists", () => {
    expect(chromiumLaunchOptions({ env: {}, candidates: [] })).toEqual({ args: [] });
  });

  test('uses the first system Chromium it finds, with sandbox-free quiet flags', () => {
    const options = chromiumLaunchOptions({
      env: {},
      candidates: ['/nonexistent/chromium', process.execPath],
    });
    expect(options.executablePath).toBe(process.execPath);
    expect(options.args).toContain('--no-sandbox');
    expect(options.args).toContain('--disable-background-networking');
  });

  test('CHROMIUM_PATH wins, and a wrong one is a clear error', () => {
    expect(chromiumLaunchOptions({ env: { CHROMIUM_PATH: process.execPath } }).executablePath).toBe(
      process.execPath,
    );
    expect(() => chromiumLaunchOptions({ env: { CHROMIUM_PATH: '/nope/chromium' } })).toThrow(
      /CHROMIUM_PATH/,
    );
  });
});
