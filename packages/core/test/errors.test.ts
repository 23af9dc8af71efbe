import { describe, expect, test } from 'vitest';
import { CaptchalaError, parseSdkError, REFRESHABLE_CODES } from '../src/errors';

describe('parseSdkError', () => {
  test('"message (code)" strings', () => {
    const error = parseSdkError({ error: 'Server token expired (server_token_expired)' });
    expect(error).toBeInstanceOf(CaptchalaError);
    expect(error).toMatchObject({
      code: 'server_token_expired',
      message: 'Server token expired',
      refreshable: true,
    });
  });

  test('objects fall back to code, then error; unknown input to unknown_error', () => {
    expect(parseSdkError({ error: { code: 'rate_limit_exceeded', message: 'Slow down' } })).toMatchObject({
      code: 'rate_limit_exceeded',
      message: 'Slow down',
      refreshable: false,
    });
    expect(parseSdkError({ error: { error: 'session_expired' } }).code).toBe('session_expired');
    expect(parseSdkError({ error: new Error('Verification failed (verify_failed)') }).code).toBe(
      'verify_failed',
    );
    expect(parseSdkError({ error: 42 })).toMatchObject({
      code: 'unknown_error',
      message: 'CaptchaLa reported unknown_error',
    });
    expect(parseSdkError({ error: 'plain text' })).toMatchObject({
      code: 'unknown_error',
      message: 'plain text',
    });
  });

  test('keeps the cause and passes CaptchalaErrors through', () => {
    const raw = { code: 'app_disabled' };
    expect(parseSdkError({ error: raw }).cause).toBe(raw);
    const existing = new CaptchalaError({ code: 'aborted', message: 'x' });
    expect(parseSdkError({ error: existing })).toBe(existing);
  });

  test('the refreshable set is the contract’s', () => {
    expect([...REFRESHABLE_CODES].sort()).toEqual(
      [
        'challenge_expired',
        'server_token_app_mismatch',
        'server_token_binding_mismatch',
        'server_token_exhausted',
        'server_token_expired',
        'server_token_invalid',
        'server_token_required',
        'session_expired',
        'token_expired',
      ].sort(),
    );
  });
});
