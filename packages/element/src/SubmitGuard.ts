/** One widget as its form's submit guard sees it. */
export interface SubmitGuardMember {
  /** The SDK's container: a submission whose submitter lives in it is an SDK button, never a user's submit. */
  container: HTMLElement;
  /** Takes part in submissions right now: enabled and rendered. Hidden widgets never hold a submission. */
  isActive(): boolean;
  hasFreshToken(): boolean;
  /** Takes the current fresh, unused token (marking it used), or null. */
  takeFreshToken(): string | null;
  /** Runs a challenge for a fresh token. */
  getToken(): Promise<string>;
  /** Whether a token this widget handed out is still fresh (it may have aged during another widget's challenge). */
  isHandedOutTokenFresh(token: string): boolean;
  /** The value this submission carries: a token, or null for none (set before the entry list is built). */
  setSubmissionValue(token: string | null): void;
  /** The submission went out: the value goes back to what the widget holds (nothing: the token is spent). */
  endSubmission(): void;
}

/** Rounds of challenges one held submission may run before it gives up (tokens going stale meanwhile). */
const MAX_ROUNDS = 3;

const guards = new WeakMap<HTMLFormElement, SubmitGuard>();

/**
 * Puts a widget under its form's one submit guard, whatever the number of widgets in the form. Returns the
 * function that takes it out again (the last one out removes the guard's listener).
 */
export function joinSubmitGuard(form: HTMLFormElement, member: SubmitGuardMember): () => void {
  let guard = guards.get(form);
  if (!guard) {
    guard = new SubmitGuard(form);
    guards.set(form, guard);
  }
  guard.add(member);
  const joined = guard;
  return () => {
    if (joined.remove(member)) guards.delete(form);
  };
}

/**
 * Refresh-before-submit for one form: listens for its `submit` in the capture phase of the form's root, before any
 * listener of the page or a framework. When every active widget has a fresh unused token, they go out untouched.
 * Otherwise the submission is held, each widget lacking one runs a challenge (one after another), and the form is
 * re-submitted once with `requestSubmit(originalSubmitter)`, so the clicked button's name/value survive. A failed
 * or closed challenge submits nothing and leaves every field as it was.
 */
class SubmitGuard {
  readonly #form: HTMLFormElement;
  readonly #root: Node;
  readonly #members = new Set<SubmitGuardMember>();
  /** Tokens obtained for the re-submission this guard itself requested. */
  #released: Map<SubmitGuardMember, string> | null = null;
  #pending = false;

  constructor(form: HTMLFormElement) {
    this.#form = form;
    this.#root = form.getRootNode();
    this.#root.addEventListener('submit', this.#onSubmit, { capture: true });
  }

  add(member: SubmitGuardMember): void {
    this.#members.add(member);
  }

  /** True when that was the last member (the guard is gone). */
  remove(member: SubmitGuardMember): boolean {
    this.#members.delete(member);
    if (this.#members.size > 0) return false;
    this.#root.removeEventListener('submit', this.#onSubmit, { capture: true });
    return true;
  }

  readonly #onSubmit = (event: Event) => {
    if (event.target !== this.#form) return;
    const { submitter } = event as SubmitEvent;
    const members = [...this.#members];
    if (submitter && members.some((member) => member.container.contains(submitter))) {
      // An SDK button that escaped neutralisation: never let it submit the user's form.
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    const released = this.#released ?? new Map<SubmitGuardMember, string>();
    this.#released = null;
    const active = members.filter((member) => member.isActive());
    if (active.every((member) => released.has(member) || member.hasFreshToken())) {
      for (const member of members) {
        const token = active.includes(member) ? (released.get(member) ?? member.takeFreshToken()) : null;
        member.setSubmissionValue(token);
      }
      // The entry list is built right after this event; the tokens are spent from then on.
      setTimeout(() => {
        for (const member of members) member.endSubmission();
      });
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (this.#pending) return; // one round of challenges per user action, however often they click
    this.#hold(active, submitter, released);
  };

  async #hold(
    active: SubmitGuardMember[],
    submitter: HTMLElement | null,
    obtained: Map<SubmitGuardMember, string>,
  ) {
    this.#pending = true;
    try {
      // A token obtained for one widget ages while the user solves the next one's challenge: it goes out only if it
      // is still fresh when every widget has one, else that widget runs another challenge (bounded rounds).
      const lackingNow = () =>
        active.filter((member) => {
          const token = obtained.get(member);
          if (token !== undefined && !member.isHandedOutTokenFresh(token)) obtained.delete(member);
          return !obtained.has(member) && !member.hasFreshToken();
        });
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const lacking = lackingNow();
        if (lacking.length === 0) break;
        for (const member of lacking) obtained.set(member, await member.getToken());
      }
      if (lackingNow().length > 0) return; // went stale round after round: the next submit starts over
      this.#released = obtained;
      const stillSubmits = submitter && (submitter as HTMLButtonElement).form === this.#form;
      // requestSubmit dispatches `submit` synchronously: the released tokens are used right there, or not at all.
      this.#form.requestSubmit(stillSubmits ? submitter : null);
    } catch {
      // Nothing is submitted. The widget already shows why: it reported the error, or the user closed the challenge.
    } finally {
      this.#released = null;
      this.#pending = false;
    }
  }
}
