import type { Messages } from '../statusText';

/** ms: the widget's name and status line, loaded when a widget shows this language. */
export default {
  label: 'Pengesahan',
  idle: 'Pengesahan belum bermula',
  loading: 'Memuatkan pengesahan…',
  ready: 'Sedia untuk pengesahan',
  solving: 'Sedang mengesahkan…',
  verified: 'Disahkan',
  expired: 'Pengesahan tamat tempoh, ia akan diperbaharui semasa hantar',
  consumed: 'Pengesahan telah digunakan, yang baharu akan dijalankan semasa hantar seterusnya',
  error: 'Pengesahan gagal',
} satisfies Messages;
