import { expect, test } from 'vitest';
import { chromiumLaunchOptions } from '../src/chromium.ts';
test('x', () => { expect(chromiumLaunchOptions({ env: {}, candidates: [] })).toEqual({ args: [] }); });
