import type { CaptchalaStatus } from '@captchala-kit/core';

/** The 8 UI languages of the CaptchaLa SDKs; any other tag falls back by language, then to English. */
export const UI_LANGUAGES = ['en', 'zh-CN', 'zh-TW', 'ja', 'ko', 'ms', 'vi', 'id'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** The widget's accessible name (`label`) and its status line per status. */
export type Messages = Record<CaptchalaStatus | 'label', string>;

/** English ships with the element (the fallback); the other languages load when a widget shows one. */
export const ENGLISH: Messages = {
  label: 'Verification',
  idle: 'Verification not started',
  loading: 'Loading verification…',
  ready: 'Ready to verify',
  solving: 'Verifying…',
  verified: 'Verified',
  expired: 'Verification expired, it will renew on submit',
  consumed: 'Verification used, a new one runs on the next submit',
  error: 'Verification failed',
};

const LOADERS: Record<Exclude<UiLanguage, 'en'>, () => Promise<{ default: Messages }>> = {
  'zh-CN': () => import('./i18n/zh-CN'),
  'zh-TW': () => import('./i18n/zh-TW'),
  ja: () => import('./i18n/ja'),
  ko: () => import('./i18n/ko'),
  ms: () => import('./i18n/ms'),
  vi: () => import('./i18n/vi'),
  id: () => import('./i18n/id'),
};

const loaded = new Map<UiLanguage, Messages>([['en', ENGLISH]]);
const loading = new Map<UiLanguage, Promise<Messages>>();

/**
 * The messages of a language, loaded once (English at once). If loading fails (offline), English stands in and
 * the next call tries again.
 */
export function loadMessages(language: UiLanguage): Promise<Messages> {
  const ready = loaded.get(language);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(language);
  if (!pending) {
    pending = LOADERS[language as Exclude<UiLanguage, 'en'>]().then(
      ({ default: messages }) => {
        loaded.set(language, messages);
        return messages;
      },
      () => {
        loading.delete(language);
        return ENGLISH;
      },
    );
    loading.set(language, pending);
  }
  return pending;
}

/** The messages of a language if loaded, else undefined (call `loadMessages` to get them). */
export function loadedMessages(language: UiLanguage): Messages | undefined {
  return loaded.get(language);
}

/** Statuses the live region announces: what follows a user's action, never loading on page load. */
export const ANNOUNCED: ReadonlySet<CaptchalaStatus> = new Set(['verified', 'expired', 'error']);

/**
 * Maps a `lang` (any BCP-47 tag; empty or `auto` for the browser's `preferred` languages) to one of the 8 UI
 * languages: `zh-HK`/`zh-Hant` → `zh-TW`, `zh`/`zh-SG` → `zh-CN`, `ja-JP` → `ja`, anything else → `en`.
 * CaptchaLa's SDK resolves the tag by itself; the stand-in's SDK models the same rule, and
 * test/uiLanguage.browser.test.ts holds the two together.
 */
export function resolveUiLanguage(lang: string, preferred: readonly string[]): UiLanguage {
  const tags = lang && lang !== 'auto' ? [lang] : preferred;
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return /-(tw|hk|mo|hant)\b/.test(lower) ? 'zh-TW' : 'zh-CN';
    const base = lower.split('-')[0];
    const match = UI_LANGUAGES.find((language) => language === base);
    if (match) return match;
  }
  return 'en';
}
