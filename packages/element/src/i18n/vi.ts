import type { Messages } from '../statusText';

/** vi: the widget's name and status line, loaded when a widget shows this language. */
export default {
  label: 'Xác minh',
  idle: 'Chưa bắt đầu xác minh',
  loading: 'Đang tải xác minh…',
  ready: 'Sẵn sàng xác minh',
  solving: 'Đang xác minh…',
  verified: 'Đã xác minh',
  expired: 'Xác minh đã hết hạn, sẽ được làm mới khi gửi',
  consumed: 'Xác minh đã được dùng, lần gửi tiếp theo sẽ xác minh lại',
  error: 'Xác minh thất bại',
} satisfies Messages;
