import { DEV } from './DEV';
import { CaptchalaError } from './errors';

export interface NotMountedErrorOptions {
  /** How the caller gets a mounted widget, in its own vocabulary (the tag, a React ref, a Vue ref). */
  hint: string;
}

/**
 * The one `not_mounted` error: `getToken()` was called with no widget in the document. The element and both
 * wrappers raise it; each adds how its users mount a widget. The message is dropped from production builds.
 */
export function notMountedError(options: NotMountedErrorOptions): CaptchalaError {
  return new CaptchalaError({
    code: 'not_mounted',
    message: DEV
      ? `getToken() was called with no widget in the document: ${options.hint} Call it from an event handler or an effect, once the widget is mounted.`
      : '',
  });
}
