import type { Messages } from '../statusText';

/** ja: the widget's name and status line, loaded when a widget shows this language. */
export default {
  label: '認証',
  idle: '認証はまだ開始されていません',
  loading: '認証を読み込み中…',
  ready: '認証の準備ができました',
  solving: '認証中…',
  verified: '認証済み',
  expired: '認証の有効期限が切れました。送信時に更新されます',
  consumed: '認証は使用済みです。次の送信で新しく認証します',
  error: '認証に失敗しました',
} satisfies Messages;
