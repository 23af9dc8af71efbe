import type { CaptchalaStatus } from '@captchala-kit/core';

/** The 8 UI languages of the CaptchaLa SDKs; any other tag falls back by language, then to English. */
export const UI_LANGUAGES = ['en', 'zh-CN', 'zh-TW', 'ja', 'ko', 'ms', 'vi', 'id'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

type Messages = Record<CaptchalaStatus, string>;

const MESSAGES: Record<UiLanguage, Messages> = {
  en: {
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

export interface ResolveUiLanguageOptions {
  /** `lang` attribute value: any BCP-47 tag, `auto`, or empty. */
  lang: string;
  /** Used for `auto` and empty: the browser's preferred languages. */
  preferred: readonly string[];
}

/** Maps any tag to one of the 8 UI languages (`zh-HK`/`zh-Hant` → `zh-TW`, `zh`/`zh-SG` → `zh-CN`, `ja-JP` → `ja`). */
export function resolveUiLanguage(options: ResolveUiLanguageOptions): UiLanguage {
  const tags = options.lang && options.lang !== 'auto' ? [options.lang] : options.preferred;
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return /-(tw|hk|mo|hant)\b/.test(lower) ? 'zh-TW' : 'zh-CN';
    const base = lower.split('-')[0];
    const match = UI_LANGUAGES.find((language) => language === base);
    if (match) return match;
  }
  return 'en';
}

export interface StatusTextOptions {
  status: CaptchalaStatus;
  language: UiLanguage;
}

/** The localised status line the widget announces (aria-live). */
export function statusText(options: StatusTextOptions): string {
  return MESSAGES[options.language][options.status];
}
