import { cleanup, render, screen } from '@testing-library/react';
import * as React from 'react';
import { useForm } from 'react-hook-form';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { commands } from 'vitest/browser';
import { Captchala, useCaptchala, withCaptchalaToken } from '../src/index';
import { fake, loaderSrc, reactMajor, standIn } from './helpers';

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const widget = () => document.querySelector('captchala-widget')!;
const signUp = () => screen.getByRole('button', { name: 'Sign up' });
const valid = (appKey: string, token: string) =>
  standIn.siteValidate({ appKey, body: { captchala_token: token } }).then((result) => result.valid);

describe('a plain <form onSubmit>', () => {
  test('the token is in new FormData(event.currentTarget); the next submit carries a new one', async () => {
    const submissions: FormData[] = [];
    render(
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submissions.push(new FormData(event.currentTarget));
        }}
      >
        <input name="email" defaultValue="ada@example.test" />
        <Captchala appKey="test_auto_pass" loaderSrc={loaderSrc} />
        <button type="submit">Sign up</button>
      </form>,
    );
    await expect.poll(() => widget().status).toBe('ready');
    signUp().click();
    await expect.poll(() => submissions.length).toBe(1);
    signUp().click();
    await expect.poll(() => submissions.length).toBe(2);
    const [first, second] = submissions.map((body) => String(body.get('captchala_token')));
    expect(first).toMatch(/^pt_/);
    expect(second).toMatch(/^pt_/);
    expect(second).not.toBe(first);
    expect(submissions[0]!.get('email')).toBe('ada@example.test');
    expect([await valid('test_auto_pass', first!), await valid('test_auto_pass', second!)]).toEqual([
      true,
      true,
    ]);
  });
});

interface SignUpValues {
  email: string;
}

/**
 * react-hook-form posts its own values, not the form's FormData: the widget sits outside the <form>, so no
 * submit guard spends a token on a submission that would not carry it, and a token is asked for only once
 * validation passed.
 */
function HookFormSignUp(props: {
  product: 'embed' | 'popup';
  onValid: (values: SignUpValues, token: string) => void;
}) {
  const captchala = useCaptchala();
  const { register, handleSubmit, formState } = useForm<SignUpValues>({ defaultValues: { email: '' } });
  return (
    <>
      <form
        id="signup"
        onSubmit={handleSubmit(
          withCaptchalaToken({
            getToken: captchala.getToken,
            onValid: (values, token) => props.onValid(values, token),
          }),
        )}
      >
        <input aria-label="Email" {...register('email', { required: 'Email is required' })} />
        {formState.errors.email && <p role="alert">{formState.errors.email.message}</p>}
      </form>
      <Captchala ref={captchala.ref} appKey="test_pass" product={props.product} loaderSrc={loaderSrc} />
      <button type="submit" form="signup">
        Sign up
      </button>
    </>
  );
}

describe('react-hook-form with withCaptchalaToken', () => {
  test('each valid submit gets a fresh token (a challenge when none is held), never a used one', async () => {
    const onValid = vi.fn();
    render(<HookFormSignUp product="popup" onValid={onValid} />);
    await expect.poll(() => widget().status).toBe('ready');
    screen.getByLabelText('Email').focus();
    await commands.typeText('ada@example.test');
    for (const round of [1, 2]) {
      signUp().click();
      await expect.poll(() => fake('panel')).not.toBeNull();
      fake('solve')!.click();
      await expect.poll(() => onValid.mock.calls.length).toBe(round);
    }
    const [values, first] = onValid.mock.calls[0] as [SignUpValues, string];
    const [, second] = onValid.mock.calls[1] as [SignUpValues, string];
    expect(values).toEqual({ email: 'ada@example.test' });
    expect(first).toMatch(/^pt_/);
    expect(second).not.toBe(first);
    expect([await valid('test_pass', first), await valid('test_pass', second)]).toEqual([true, true]);
  });

  test('a failed validation spends no token: the one solved beforehand goes out once the form is valid', async () => {
    const onValid = vi.fn();
    render(<HookFormSignUp product="embed" onValid={onValid} />);
    await expect.poll(() => widget().status).toBe('ready');
    fake('checkbox', widget())!.click();
    await expect.poll(() => widget().status).toBe('verified');
    const held = widget().token;
    signUp().click();
    await screen.findByRole('alert');
    expect(widget().token).toBe(held);
    expect(widget().status).toBe('verified');
    screen.getByLabelText('Email').focus();
    await commands.typeText('ada@example.test');
    signUp().click();
    await expect.poll(() => onValid.mock.calls.length).toBe(1);
    expect(onValid).toHaveBeenCalledWith({ email: 'ada@example.test' }, held);
    expect(widget().status).toBe('consumed');
    expect(await valid('test_pass', held)).toBe(true);
  });
});

interface ActionState {
  attempts: number;
  message: string;
}

/** A React 19 action form; `sent` and `verdicts` collect each submission's token and the server's verdict on it. */
function ActionSignUp(props: { sent: string[]; verdicts: boolean[] }) {
  const [state, formAction, pending] = React.useActionState(
    async (previous: ActionState, body: FormData): Promise<ActionState> => {
      props.sent.push(String(body.get('captchala_token')));
      const result = await standIn.siteValidate({ appKey: 'test_auto_pass', body });
      props.verdicts.push(result.valid);
      // The server validated the token, then refused for another reason: the user submits again.
      return previous.attempts === 0
        ? { attempts: 1, message: 'This email is already registered.' }
        : { attempts: previous.attempts + 1, message: 'Welcome!' };
    },
    { attempts: 0, message: '' },
  );
  return (
    <form action={formAction}>
      <input name="email" defaultValue="ada@example.test" />
      <Captchala appKey="test_auto_pass" loaderSrc={loaderSrc} />
      <button type="submit" disabled={pending}>
        Sign up
      </button>
      <output>{state.message}</output>
    </form>
  );
}

describe('React 19 <form action> with useActionState', () => {
  test('the token is in the action’s FormData; a second submit after a server error carries a new one', async ({
    skip,
  }) => {
    skip(
      reactMajor < 19,
      'React 18 has no form actions: <form action={fn}> and useActionState are React 19 APIs',
    );
    const sent: string[] = [];
    const verdicts: boolean[] = [];
    render(<ActionSignUp sent={sent} verdicts={verdicts} />);
    await expect.poll(() => widget().status).toBe('ready');
    signUp().click();
    await screen.findByText('This email is already registered.');
    signUp().click();
    await screen.findByText('Welcome!');
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^pt_/);
    expect(sent[1]).toMatch(/^pt_/);
    expect(sent[1]).not.toBe(sent[0]);
    expect(verdicts).toEqual([true, true]);
  });
});
