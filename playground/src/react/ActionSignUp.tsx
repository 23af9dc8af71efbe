import config from 'virtual:playground-config';
import { Captchala } from '@captchala-kit/react';
import { useActionState } from 'react';
import { appKeyFor, describeAnswer, submitToBackend } from '../submitAnswer';

const appKey = appKeyFor('test_pass');

interface SignUpState {
  message: string;
  /** The token the last submission carried (its prefix, as the backend echoes it). */
  sent: string | null;
}

async function signUp(_previous: SignUpState, body: FormData): Promise<SignUpState> {
  const answer = await submitToBackend({ appKey, body });
  // A site may fail after it validated the token (the email is taken, a CSRF check): that token is spent, and the
  // widget puts a new one in the next submission.
  if (answer.ok && answer.fields['email_taken'] === 'on') {
    return {
      message: `${describeAnswer(answer)}, then: this email is already registered`,
      sent: answer.token,
    };
  }
  return { message: describeAnswer(answer), sent: answer.token };
}

/** A React 19 `<form action>` with `useActionState`: the widget's token is in the action's FormData. */
export function ActionSignUp() {
  const [state, formAction, pending] = useActionState(signUp, { message: '—', sent: null });
  return (
    <form data-scenario="action" action={formAction}>
      <h2>Sign up: React 19 action</h2>
      <p>
        Tick the box to have the server refuse after validating, then submit again: the second submission
        carries a new token, never the spent one.
      </p>
      <label>
        Email <input name="email" type="email" defaultValue="ada@example.test" required />
      </label>
      <label className="row">
        <input name="email_taken" type="checkbox" /> The server says this email is taken
      </label>
      <Captchala appKey={appKey} loaderSrc={config.loaderUrl} product="popup" action="signup" />
      <button type="submit" disabled={pending}>
        Sign up
      </button>
      <output data-answer>{state.message}</output>
    </form>
  );
}
