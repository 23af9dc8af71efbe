import type { CaptchalaWidget } from '@captchala-kit/element';

/** Resolves once the widget is ready for a challenge; rejects with its error. */
export function whenReady(widget: CaptchalaWidget): Promise<void> {
  if (widget.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const stop = () => {
      widget.removeEventListener('captchala-ready', onReady);
      widget.removeEventListener('captchala-error', onError);
    };
    const onReady = () => {
      stop();
      resolve();
    };
    const onError = (event: { detail: Error }) => {
      stop();
      reject(event.detail);
    };
    widget.addEventListener('captchala-ready', onReady);
    widget.addEventListener('captchala-error', onError);
  });
}
