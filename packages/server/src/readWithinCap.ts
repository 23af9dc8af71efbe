import { CaptchalaHttpError, HttpErrorCode } from './CaptchalaHttpError';

/**
 * A request body read under `maxBytes`, for either kind of request: 413 when its declared length passes the cap
 * (then `read` is not called) or `read` resolves null (it passed the cap while read), 400 when the stream fails.
 */
export async function readWithinCap(
  declaredLength: string | null | undefined,
  maxBytes: number,
  read: () => Promise<Uint8Array | null>,
): Promise<Uint8Array> {
  const bytes =
    Number(declaredLength) > maxBytes
      ? null
      : await read().catch(() => {
          throw new CaptchalaHttpError(400, HttpErrorCode.InvalidBody, 'The request body could not be read.');
        });
  if (!bytes) {
    throw new CaptchalaHttpError(
      413,
      HttpErrorCode.PayloadTooLarge,
      `The request body is larger than ${maxBytes} bytes.`,
    );
  }
  return bytes;
}
