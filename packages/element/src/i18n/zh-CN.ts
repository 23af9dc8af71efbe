import type { Messages } from '../statusText';

/** zh-CN: the widget's name and status line, loaded when a widget shows this language. */
export default {
  label: '人机验证',
  idle: '尚未开始验证',
  loading: '正在加载验证…',
  ready: '可以开始验证',
  solving: '正在验证…',
  verified: '验证通过',
  expired: '验证已过期，提交时将重新验证',
  consumed: '验证已使用，下次提交将重新验证',
  error: '验证失败',
} satisfies Messages;
