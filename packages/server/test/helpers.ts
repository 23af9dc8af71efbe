import { type FakeCaptchala, startFakeCaptchala, TEST_APP_KEYS } from '@captchala-kit/testing';
import { CaptchalaClient, type CaptchalaClientOptions, type CaptchalaDiagnostic } from '../src/index';

/** A secret no other string in the run contains, so a leak is unmistakable. */
export const SECRET = 'unit-secret-5b8e1d93c4';

/** The stand-in with a clock the tests move. */
export async function startStandIn() {
  const clock = { now: Date.now() };
  const fake = await startFakeCaptchala({ now: () => clock.now, appSecret: SECRET });
  return { fake, clock };
}

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, string>;
}

/** Solves a challenge through the stand-in SDK's endpoints, as a browser would; resolves the pass token. */
export async function mint(
  fake: FakeCaptchala,
  options: { appKey?: string; action?: string; serverToken?: string } = {},
): Promise<string> {
  const challenge = await post(`${fake.url}/sdk/challenge`, {
    appKey: options.appKey ?? TEST_APP_KEYS.pass,
    action: options.action ?? 'login',
    serverToken: options.serverToken,
  });
  if (!challenge['challengeId']) throw new Error(`challenge refused: ${JSON.stringify(challenge)}`);
  const solved = await post(`${fake.url}/sdk/solve`, { challengeId: challenge['challengeId'] });
  return solved['token'] ?? '';
}

/** A client for the stand-in that records its diagnostics. */
export function clientFor(fake: FakeCaptchala, options: Partial<CaptchalaClientOptions> = {}) {
  const diagnostics: CaptchalaDiagnostic[] = [];
  const client = new CaptchalaClient({
    appKey: TEST_APP_KEYS.pass,
    appSecret: SECRET,
    baseUrl: fake.apiUrl,
    fallbackUrl: `${fake.url}/fallback/api/validate`,
    environment: 'unit',
    onDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
    ...options,
  });
  return { client, diagnostics };
}

export interface RecordedCall {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  signal: AbortSignal | null | undefined;
}

/**
 * A fetch that records every call, then lets `behave` answer it: return a Response, throw, or call `real()` to
 * reach the stand-in (and then do anything with its answer).
 */
export function scriptedFetch(
  behave: (call: RecordedCall, real: () => Promise<Response>, index: number) => Promise<Response> = (
    _c,
    real,
  ) => real(),
) {
  const calls: RecordedCall[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = {
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers)),
      body: JSON.parse(String(init?.body)) as Record<string, unknown>,
      signal: init?.signal,
    };
    calls.push(call);
    return behave(call, () => fetch(input, init), calls.length - 1);
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

/** An error shaped like undici's for a failed connection or a reset socket. */
export function networkError(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}
