import { expect, test } from 'vitest';
import {
  DEFAULT_SLOW_SDK_DELAY_MS,
  MAX_SLOW_SDK_DELAY_MS,
  slowSdkDelayMs,
} from '../src/server/slowSdkDelayMs';

test.each([
  ['1500', 1500],
  ['0', 0],
  ['29999.5', 29999.5],
  ['30000', 30_000],
  ['86400000', MAX_SLOW_SDK_DELAY_MS],
  ['1e300', MAX_SLOW_SDK_DELAY_MS],
  [null, DEFAULT_SLOW_SDK_DELAY_MS],
  ['', DEFAULT_SLOW_SDK_DELAY_MS],
  ['  ', DEFAULT_SLOW_SDK_DELAY_MS],
  ['soon', DEFAULT_SLOW_SDK_DELAY_MS],
  ['-5', DEFAULT_SLOW_SDK_DELAY_MS],
  ['Infinity', DEFAULT_SLOW_SDK_DELAY_MS],
  ['NaN', DEFAULT_SLOW_SDK_DELAY_MS],
])('delay=%j waits %d ms', (delay, expected) => {
  expect(slowSdkDelayMs({ delay })).toBe(expected);
});

test('the clamp is 30 s by default and can be lowered, the default delay included', () => {
  expect(MAX_SLOW_SDK_DELAY_MS).toBe(30_000);
  expect(slowSdkDelayMs({ delay: '5000', maxMs: 200 })).toBe(200);
  expect(slowSdkDelayMs({ delay: null, maxMs: 200 })).toBe(200);
});
