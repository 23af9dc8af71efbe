import type { Messages } from '../statusText';

/** zh-TW: the widget's name and status line, loaded when a widget shows this language. */
export default {
  label: '人機驗證',
  idle: '尚未開始驗證',
  loading: '正在載入驗證…',
  ready: '可以開始驗證',
  solving: '正在驗證…',
  verified: '驗證通過',
  expired: '驗證已過期，提交時將重新驗證',
  consumed: '驗證已使用，下次提交將重新驗證',
  error: '驗證失敗',
} satisfies Messages;
