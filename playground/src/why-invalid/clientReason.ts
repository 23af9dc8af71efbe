import type { CaptchalaStatus } from '@captchala-kit/element';

/** The element's statuses for a token it will never send again, named as CaptchaLa names such a token. */
const BY_STATUS: Partial<Record<CaptchalaStatus, string>> = {
  expired: 'token_expired',
  consumed: 'token_consumed',
};

/** The reason the client names a widget's status by (the status itself when it names no token state). */
export const clientReason = (status: CaptchalaStatus): string => BY_STATUS[status] ?? status;
