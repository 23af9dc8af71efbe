import { describe, expect, test, vi } from 'vitest';

// What the production build does: `DEV` is false, so the long messages are dropped.
vi.mock('../src/DEV', () => ({ DEV: false }));

const { cspError, trustedTypesError } = await import('../src/loaderErrors');

describe('production messages', () => {
  test('a code and the docs link, and the blocked directive for a CSP refusal', () => {
    const error = cspError(
      { effectiveDirective: 'script-src-elem', blockedURI: 'https://cdn.captcha-cdn.net/sdk/captchala.js' },
      'https://cdn.captcha-cdn.net/captchala-loader.js',
      'sdk',
    );
    expect(error.code).toBe('loader_blocked_csp');
    expect(error.message).toBe(
      'CaptchaLa loader_blocked_csp (script-src-elem blocked https://cdn.captcha-cdn.net/sdk/captchala.js): see https://captchala-kit.dev/reference/errors.html#loader_blocked_csp',
    );
  });

  test('no long message survives', () => {
    expect(trustedTypesError('sdk').message).toBe(
      'CaptchaLa loader_blocked_trusted_types: see https://captchala-kit.dev/reference/errors.html#loader_blocked_trusted_types',
    );
  });
});
