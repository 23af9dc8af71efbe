import type { Messages } from '../statusText';

/** id: the widget's name and status line, loaded when a widget shows this language. */
export default {
  label: 'Verifikasi',
  idle: 'Verifikasi belum dimulai',
  loading: 'Memuat verifikasi…',
  ready: 'Siap untuk verifikasi',
  solving: 'Memverifikasi…',
  verified: 'Terverifikasi',
  expired: 'Verifikasi kedaluwarsa, akan diperbarui saat mengirim',
  consumed: 'Verifikasi sudah dipakai, yang baru dijalankan saat pengiriman berikutnya',
  error: 'Verifikasi gagal',
} satisfies Messages;
