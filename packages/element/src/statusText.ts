import type { CaptchalaStatus } from '@captchala-kit/core';

/** The 8 UI languages of the CaptchaLa SDKs; any other tag falls back by language, then to English. */
export const UI_LANGUAGES = ['en', 'zh-CN', 'zh-TW', 'ja', 'ko', 'ms', 'vi', 'id'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** The widget's accessible name (`label`) and its status line per status. */
type Messages = Record<CaptchalaStatus | 'label', string>;

const MESSAGES: Record<UiLanguage, Messages> = {
  en: {
    label: 'Verification',
    idle: 'Verification not started',
    loading: 'Loading verification…',
    ready: 'Ready to verify',
    solving: 'Verifying…',
    verified: 'Verified',
    expired: 'Verification expired, it will renew on submit',
    consumed: 'Verification used, a new one runs on the next submit',
    error: 'Verification failed',
  },
  'zh-CN': {
    label: '人机验证',
    idle: '尚未开始验证',
    loading: '正在加载验证…',
    ready: '可以开始验证',
    solving: '正在验证…',
    verified: '验证通过',
    expired: '验证已过期，提交时将重新验证',
    consumed: '验证已使用，下次提交将重新验证',
    error: '验证失败',
  },
  'zh-TW': {
    label: '人機驗證',
    idle: '尚未開始驗證',
    loading: '正在載入驗證…',
    ready: '可以開始驗證',
    solving: '正在驗證…',
    verified: '驗證通過',
    expired: '驗證已過期，提交時將重新驗證',
    consumed: '驗證已使用，下次提交將重新驗證',
    error: '驗證失敗',
  },
  ja: {
    label: '認証',
    idle: '認証はまだ開始されていません',
    loading: '認証を読み込み中…',
    ready: '認証の準備ができました',
    solving: '認証中…',
    verified: '認証済み',
    expired: '認証の有効期限が切れました。送信時に更新されます',
    consumed: '認証は使用済みです。次の送信で新しく認証します',
    error: '認証に失敗しました',
  },
  ko: {
    label: '인증',
    idle: '인증이 시작되지 않았습니다',
    loading: '인증을 불러오는 중…',
    ready: '인증 준비 완료',
    solving: '인증 중…',
    verified: '인증 완료',
    expired: '인증이 만료되었습니다. 제출 시 갱신됩니다',
    consumed: '인증이 사용되었습니다. 다음 제출 시 새로 인증합니다',
    error: '인증 실패',
  },
  ms: {
    label: 'Pengesahan',
    idle: 'Pengesahan belum bermula',
    loading: 'Memuatkan pengesahan…',
    ready: 'Sedia untuk pengesahan',
    solving: 'Sedang mengesahkan…',
    verified: 'Disahkan',
    expired: 'Pengesahan tamat tempoh, ia akan diperbaharui semasa hantar',
    consumed: 'Pengesahan telah digunakan, yang baharu akan dijalankan semasa hantar seterusnya',
    error: 'Pengesahan gagal',
  },
  vi: {
    label: 'Xác minh',
    idle: 'Chưa bắt đầu xác minh',
    loading: 'Đang tải xác minh…',
    ready: 'Sẵn sàng xác minh',
    solving: 'Đang xác minh…',
    verified: 'Đã xác minh',
    expired: 'Xác minh đã hết hạn, sẽ được làm mới khi gửi',
    consumed: 'Xác minh đã được dùng, lần gửi tiếp theo sẽ xác minh lại',
    error: 'Xác minh thất bại',
  },
  id: {
    label: 'Verifikasi',
    idle: 'Verifikasi belum dimulai',
    loading: 'Memuat verifikasi…',
    ready: 'Siap untuk verifikasi',
    solving: 'Memverifikasi…',
    verified: 'Terverifikasi',
    expired: 'Verifikasi kedaluwarsa, akan diperbarui saat mengirim',
    consumed: 'Verifikasi sudah dipakai, yang baru dijalankan saat pengiriman berikutnya',
    error: 'Verifikasi gagal',
  },
};

/** Statuses the live region announces: what follows a user's action, never loading on page load. */
export const ANNOUNCED: ReadonlySet<CaptchalaStatus> = new Set(['verified', 'expired', 'error']);

/**
 * Maps a `lang` (any BCP-47 tag; empty or `auto` for the browser's `preferred` languages) to one of the 8 UI
 * languages: `zh-HK`/`zh-Hant` → `zh-TW`, `zh`/`zh-SG` → `zh-CN`, `ja-JP` → `ja`, anything else → `en`.
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

/** The localised status line for a status. */
export function statusText(status: CaptchalaStatus, language: UiLanguage): string {
  return MESSAGES[language][status];
}

/** The widget's localised accessible name. */
export function widgetLabel(language: UiLanguage): string {
  return MESSAGES[language].label;
}
