export interface WithCaptchalaTokenOptions<TValues, TEvent> {
  /** Where tokens come from: `useCaptchala().getToken`, or `() => ref.current!.getToken()`. */
  getToken: () => Promise<string>;
  /** Runs with the validated values, a fresh pass token nobody else got, and the submit event. */
  onValid: (values: TValues, token: string, event?: TEvent) => unknown;
}

/**
 * A submit handler for react-hook-form's `handleSubmit` (or any `(values, event)` callback): once validation
 * passed, awaits a fresh token and hands it to `onValid`. A failed `getToken()` (challenge closed, …) rejects,
 * so `onValid` never runs without a token.
 */
export function withCaptchalaToken<TValues, TEvent = unknown>(
  options: WithCaptchalaTokenOptions<TValues, TEvent>,
): (values: TValues, event?: TEvent) => Promise<void> {
  const { getToken, onValid } = options;
  return async (values, event) => {
    await onValid(values, await getToken(), event);
  };
}
