import { expect, test } from 'vitest';
import { ChallengeBehaviour, findTestApp } from '../src/index';

test('fixed keys, patterns with an _auto suffix, extra apps, unknown keys', () => {
  expect(findTestApp({ appKey: 'demo_app' })).toMatchObject({ behaviour: ChallengeBehaviour.Interactive });
  expect(findTestApp({ appKey: 'test_ttl_3' })).toMatchObject({
    passTokenTtlMs: 3000,
    behaviour: 'interactive',
  });
  expect(findTestApp({ appKey: 'test_slow_250_auto' })).toMatchObject({
    solveDelayMs: 250,
    behaviour: 'auto_pass',
  });
  const extra = {
    appKey: 'mine',
    behaviour: ChallengeBehaviour.AlwaysFail,
    requiresServerToken: true,
    solveDelayMs: 0,
  };
  expect(findTestApp({ appKey: 'mine', extra: [extra] })).toBe(extra);
  expect(findTestApp({ appKey: 'test_ttl_x' })).toBeUndefined();
  expect(findTestApp({ appKey: 'nobody' })).toBeUndefined();
});

test('a ~tag suffix is the same app with counters of its own; a bad tag is an unknown key', async () => {
  const { findTestApp } = await import('../src/testApps');
  expect(findTestApp({ appKey: 'test_flaky_2~run-1' })).toMatchObject({
    appKey: 'test_flaky_2~run-1',
    flakyChallenges: 2,
  });
  expect(findTestApp({ appKey: 'test_pass~a' })).toMatchObject({
    appKey: 'test_pass~a',
    behaviour: 'interactive',
  });
  expect(findTestApp({ appKey: 'test_pass~' })).toBeUndefined();
  expect(findTestApp({ appKey: 'constructor~x' })).toBeUndefined();
});
