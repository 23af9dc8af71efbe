export interface SubmitGuardOptions {
  /** The element; its root node is where the guard listens. */
  host: HTMLElement;
  /** The form to guard right now, or null when the widget is disabled or outside a form. */
  form: () => HTMLFormElement | null;
  /** The SDK's container: a submission whose submitter lives in it is an SDK button, never a user's submit. */
  container: HTMLElement;
  /** Takes the current fresh, unused token (marking it used), or null. */
  takeFreshToken: () => string | null;
  /** Runs a challenge for a fresh token. */
  getToken: () => Promise<string>;
  /** Puts the token into the form value before the submission's entry list is built. */
  onToken: (token: string) => void;
  /** The submission went out: the token is spent. */
  onSubmitted: () => void;
}

/**
 * Refresh-before-submit: listens for its form's `submit` in the capture phase of the form's root, before any
 * listener of the page or a framework. A fresh unused token goes out untouched; otherwise the submission is held,
 * one challenge runs, and the form is re-submitted with `requestSubmit(originalSubmitter)` so the clicked
 * button's name/value survive. A failed or closed challenge submits nothing and leaves every field as it was.
 */
export class SubmitGuard {
  readonly #options: SubmitGuardOptions;
  readonly #root: Node;
  /** The token released for the re-submission this guard itself requested. */
  #released: string | null = null;
  #pending = false;

  constructor(options: SubmitGuardOptions) {
    this.#options = options;
    this.#root = options.host.getRootNode();
    this.#root.addEventListener('submit', this.#onSubmit, { capture: true });
  }

  dispose(): void {
    this.#root.removeEventListener('submit', this.#onSubmit, { capture: true });
  }

  readonly #onSubmit = (event: Event) => {
    const form = this.#options.form();
    if (!form || event.target !== form) return;
    const { submitter } = event as SubmitEvent;
    if (submitter && this.#options.container.contains(submitter)) {
      // An SDK button that escaped neutralisation: never let it submit the user's form.
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    const token = this.#released ?? this.#options.takeFreshToken();
    this.#released = null;
    if (token) {
      this.#options.onToken(token);
      // The entry list is built right after this event; the token is spent from then on.
      setTimeout(this.#options.onSubmitted);
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (this.#pending) return; // one challenge per user action, however often they click
    this.#pending = true;
    this.#options
      .getToken()
      .then((fresh) => {
        this.#released = fresh;
        this.#options.onToken(fresh);
        const stillSubmits = submitter && (submitter as HTMLButtonElement).form === form;
        // requestSubmit dispatches `submit` synchronously: the released token is used right there, or not at all.
        form.requestSubmit(stillSubmits ? submitter : null);
        this.#released = null;
      })
      // Nothing is submitted. The widget already shows why: the controller reported the error, or the user
      // closed the challenge.
      .catch(() => {})
      .finally(() => {
        this.#pending = false;
      });
  };
}
