import type { CaptchalaErrorEvent, CaptchalaWidget } from '@captchala-kit/element';

/**
 * Submits a form the way a user's click does, and resolves with what the submission carried once the widget let
 * it go (after a challenge when it held no fresh token). Rejects with the widget's error, or when the user
 * closes the challenge: then nothing was submitted.
 */
export function submitForm(options: { form: HTMLFormElement; widget: CaptchalaWidget }): Promise<FormData> {
  const { form, widget } = options;
  return new Promise((resolve, reject) => {
    const stop = () => {
      form.removeEventListener('submit', onSubmit);
      widget.removeEventListener('captchala-error', onError);
      widget.removeEventListener('captchala-close', onClose);
    };
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      stop();
      resolve(new FormData(form, event.submitter));
    };
    const onError = (event: CaptchalaErrorEvent) => {
      stop();
      reject(event.detail);
    };
    const onClose = () => {
      stop();
      reject(new Error('the challenge was closed: nothing was submitted'));
    };
    form.addEventListener('submit', onSubmit);
    widget.addEventListener('captchala-error', onError);
    widget.addEventListener('captchala-close', onClose);
    form.requestSubmit();
  });
}
