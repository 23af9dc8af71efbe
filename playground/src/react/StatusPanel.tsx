import config from 'virtual:playground-config';
import { Captchala, useCaptchala } from '@captchala-kit/react';
import { useEffect, useState } from 'react';
import { appKeyFor, describeAnswer, describeFailure, submitToBackend } from '../submitAnswer';

// Tokens live 10 s at the stand-in here, and the widget trusts them 10 − 2 s: watch one expire.
const appKey = appKeyFor('test_ttl_10');

/** Seconds from now to `at`, or from `at` to now, to a tenth. */
const seconds = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** No form: the hook follows the widget, `getToken()` takes its token (or runs a challenge), `reset()` starts over. */
export function StatusPanel() {
  const captchala = useCaptchala();
  const now = useNow();
  const [answer, setAnswer] = useState('—');
  const { status, token, issuedAt, expiresAt, error } = captchala;
  const takeToken = async () => {
    try {
      const taken = await captchala.getToken();
      setAnswer(describeAnswer(await submitToBackend({ appKey, body: { captchala_token: taken } })));
    } catch (failure) {
      setAnswer(describeFailure(failure));
    }
  };
  return (
    <section data-scenario="status" aria-labelledby="status-title">
      <h2 id="status-title">useCaptchala() status panel</h2>
      <p>Solve, then wait, take the token with getToken(), or reset() the widget.</p>
      <Captchala
        ref={captchala.ref}
        appKey={appKey}
        loaderSrc={config.loaderUrl}
        product="embed"
        action="verify"
        tokenTtl={10}
        refreshMargin={2}
      />
      <table>
        <tbody>
          <tr>
            <th scope="row">status</th>
            <td data-field="status">{status}</td>
          </tr>
          <tr>
            <th scope="row">token</th>
            <td data-field="token">{token ? `${token.slice(0, 12)}…` : '—'}</td>
          </tr>
          <tr>
            <th scope="row">age</th>
            <td data-field="age">{issuedAt ? seconds(now - issuedAt) : '—'}</td>
          </tr>
          <tr>
            <th scope="row">expires in</th>
            <td data-field="expires">{expiresAt ? seconds(expiresAt - now) : '—'}</td>
          </tr>
          <tr>
            <th scope="row">error</th>
            <td data-field="error">{error ? `${error.code}: ${error.message}` : '—'}</td>
          </tr>
        </tbody>
      </table>
      <div className="row">
        <button type="button" onClick={() => void takeToken()}>
          getToken()
        </button>
        <button type="button" onClick={() => void captchala.reset()}>
          reset()
        </button>
      </div>
      <output data-answer>{answer}</output>
    </section>
  );
}
