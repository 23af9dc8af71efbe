import type { Messages } from '../statusText';

/** ko: the widget's name and status line, loaded when a widget shows this language. */
export default {
  label: '인증',
  idle: '인증이 시작되지 않았습니다',
  loading: '인증을 불러오는 중…',
  ready: '인증 준비 완료',
  solving: '인증 중…',
  verified: '인증 완료',
  expired: '인증이 만료되었습니다. 제출 시 갱신됩니다',
  consumed: '인증이 사용되었습니다. 다음 제출 시 새로 인증합니다',
  error: '인증 실패',
} satisfies Messages;
