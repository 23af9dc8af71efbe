import { describe, expect, test } from 'vitest';
import { ENGLISH, loadedMessages, loadMessages, resolveUiLanguage, UI_LANGUAGES } from '../src/statusText';

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

test('only English ships with the element: another language is loaded on demand, once', async () => {
  expect(loadedMessages('en')).toBe(ENGLISH);
  expect(loadedMessages('ko')).toBeUndefined();
  const [a, b] = await Promise.all([loadMessages('ko'), loadMessages('ko')]);
  expect(a).toBe(b);
  expect(loadedMessages('ko')).toBe(a);
});

test('every UI language has a distinct text for every status, and its own name', async () => {
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
  const labels = new Set<string>();
  for (const language of UI_LANGUAGES) {
    const messages = await loadMessages(language);
    expect(new Set(statuses.map((status) => messages[status])).size).toBe(statuses.length);
    labels.add(messages.label);
  }
  expect(labels.size).toBe(UI_LANGUAGES.length);
  expect((await loadMessages('ja')).verified).not.toBe(ENGLISH.verified);
});
