import config from 'virtual:playground-config';
import { Captchala, useCaptchala, withCaptchalaToken } from '@captchala-kit/react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { appKeyFor, describeAnswer, describeFailure, submitToBackend } from '../submitAnswer';

interface SignUpValues {
  email: string;
  password: string;
}

const appKey = appKeyFor('test_pass');

/**
 * react-hook-form sends its own values, not the form's FormData: the widget sits outside the <form>, so its submit
 * guard spends no token on a submission that would not carry it, and withCaptchalaToken asks for a fresh token
 * only once validation passed (a popup challenge then, or the token already solved).
 */
export function HookFormSignUp() {
  const captchala = useCaptchala();
  const [answer, setAnswer] = useState('—');
  const { register, handleSubmit, formState } = useForm<SignUpValues>({
    defaultValues: { email: '', password: '' },
  });
  const { errors, isSubmitting } = formState;
  const signUp = handleSubmit(
    withCaptchalaToken({
      getToken: captchala.getToken,
      onValid: async (values, token) => {
        setAnswer(
          describeAnswer(await submitToBackend({ appKey, body: { ...values, captchala_token: token } })),
        );
      },
    }),
  );
  return (
    <section data-scenario="react-hook-form" aria-labelledby="rhf-title">
      <h2 id="rhf-title">Sign up: react-hook-form</h2>
      <p>
        Submit with an invalid field: nothing is asked of CaptchaLa. Fix it and submit: one challenge, then a
        token that is fresh and used once.
      </p>
      <form
        id="rhf-signup"
        noValidate
        onSubmit={(event) => void signUp(event).catch((error: unknown) => setAnswer(describeFailure(error)))}
      >
        <label>
          Email
          <input
            type="email"
            aria-invalid={Boolean(errors.email)}
            {...register('email', { required: 'Enter your email address', pattern: /^\S+@\S+$/ })}
          />
        </label>
        {errors.email && <small role="alert">{errors.email.message || 'Enter a valid email address'}</small>}
        <label>
          Password
          <input
            type="password"
            autoComplete="new-password"
            aria-invalid={Boolean(errors.password)}
            {...register('password', { minLength: { value: 8, message: 'At least 8 characters' } })}
          />
        </label>
        {errors.password && <small role="alert">{errors.password.message}</small>}
      </form>
      <Captchala
        ref={captchala.ref}
        appKey={appKey}
        loaderSrc={config.loaderUrl}
        product="popup"
        action="signup"
      />
      <button type="submit" form="rhf-signup" disabled={isSubmitting}>
        Sign up
      </button>
      <output data-answer>{answer}</output>
    </section>
  );
}
