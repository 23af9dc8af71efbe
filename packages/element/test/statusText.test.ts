import { describe, expect, test } from 'vitest';
import { resolveUiLanguage, statusText, UI_LANGUAGES } from '../src/statusText';

describe('resolveUiLanguage', () => {
  test.each([
    ['ja-JP', 'ja'],
    ['zh-HK', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['ms-MY', 'ms'],
    ['de-DE', 'en'],
  ])('%s → %s', (lang, expected) => {
    expect(resolveUiLanguage(lang, [])).toBe(expected);
  });

  test('auto and empty use the preferred languages, first match wins', () => {
    expect(resolveUiLanguage('auto', ['fr', 'ko-KR', 'ja'])).toBe('ko');
    expect(resolveUiLanguage('', ['vi'])).toBe('vi');
    expect(resolveUiLanguage('auto', [])).toBe('en');
  });
});

test('every UI language has a distinct text for every status', () => {
  const statuses = [
    'idle',
    'loading',
    'ready',
    'solving',
    'verified',
    'expired',
    'consumed',
    'error',
  ] as const;
  for (const language of UI_LANGUAGES) {
    const texts = statuses.map((status) => statusText(status, language));
    expect(new Set(texts).size).toBe(statuses.length);
  }
  expect(statusText('verified', 'ja')).not.toBe(statusText('verified', 'en'));
});
