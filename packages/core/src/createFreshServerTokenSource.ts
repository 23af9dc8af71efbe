import { DEV } from './DEV';
import {
  type CreateServerTokenSourceOptions,
  type ServerToken,
  type ServerTokenSource,
  serverTokenFetchFailed,
} from './ServerTokenSource';

/** Default server-token lifetime when the answer does not say (the service's default, contract §3). */
const DEFAULT_EXPIRES_IN_S = 300;
/** A server token that expires sooner than this cannot carry a challenge to its end: it counts as stale. */
const MIN_LIFETIME_MS = 5_000;
/** Stale answers in a row before the source gives up. */
const STALE_TRIES = 3;

function toServerToken(value: unknown, origin: string, now: number): ServerToken {
  const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  const nested =
    record?.['data'] && typeof record['data'] === 'object'
      ? (record['data'] as Record<string, unknown>)
      : undefined;
  const token =
    typeof value === 'string'
      ? value
      : (record?.['serverToken'] ?? record?.['server_token'] ?? nested?.['server_token']);
  const expiresIn = record?.['expiresIn'] ?? record?.['expires_in'] ?? nested?.['expires_in'];
  if (typeof token !== 'string' || token.trim() === '') {
    serverTokenFetchFailed(
      DEV
        ? `${origin} gave no server token: expected "sct_…" or {"server_token": "sct_…", "expires_in": 300}, got ${describe(value)}.`
        : '',
    );
  }
  // A stated lifetime is taken as stated, however short (then it is stale); an absent one is the default.
  const seconds =
    typeof expiresIn === 'number' && Number.isFinite(expiresIn) ? expiresIn : DEFAULT_EXPIRES_IN_S;
  return { token: token.trim(), receivedAt: now, expiresAt: now + seconds * 1000 };
}

/** What came back, without echoing a token whole. */
function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.replace(/\b(sct|pt)_[A-Za-z0-9]{6,}/g, (match) => `${match.slice(0, 8)}…`).slice(0, 120);
}

/**
 * A source of fresh `sct_` tokens from `serverTokenProvider` or `serverTokenUrl` (POST `{action}`). Loaded on
 * demand by `createServerTokenSource`: pages without server tokens never download it.
 */
export function createFreshServerTokenSource(options: CreateServerTokenSourceOptions): ServerTokenSource {
  const { action, serverTokenUrl = '', serverTokenProvider, now } = options;
  if (serverTokenProvider) {
    return freshTokens(options, 'serverTokenProvider', async (signal) => {
      let value: unknown;
      try {
        value = await serverTokenProvider({ action, signal });
      } catch (cause) {
        serverTokenFetchFailed(
          DEV ? `serverTokenProvider threw: ${cause instanceof Error ? cause.message : String(cause)}.` : '',
          cause,
        );
      }
      return toServerToken(value, 'serverTokenProvider', now());
    });
  }
  const origin = `POST ${serverTokenUrl}`;
  return freshTokens(options, origin, async (signal) => {
    let response: Response;
    try {
      response = await options.fetch(serverTokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ action }),
        credentials: 'same-origin',
        signal,
      });
    } catch (cause) {
      serverTokenFetchFailed(
        DEV ? `${origin} failed (${String(cause)}): is the endpoint reachable?` : '',
        cause,
      );
    }
    if (!response.ok) {
      serverTokenFetchFailed(
        DEV ? `${origin} answered HTTP ${response.status}: the site's server-token endpoint failed.` : '',
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      serverTokenFetchFailed(
        DEV ? `${origin} did not answer JSON: expected {"server_token": "sct_…", "expires_in": 300}.` : '',
        cause,
      );
    }
    return toServerToken(body, origin, now());
  });
}

/** A refreshable source: every fetch gets a new token, and stale answers are retried a bounded number of times. */
function freshTokens(
  options: CreateServerTokenSourceOptions,
  origin: string,
  fetchOnce: (signal: AbortSignal) => Promise<ServerToken>,
): ServerTokenSource {
  const sleep = (ms: number) => new Promise<void>((resolve) => options.setTimeout(resolve, ms));
  return {
    refreshable: true,
    async fetch({ signal }) {
      for (let attempt = 1; ; attempt++) {
        const token = await fetchOnce(signal);
        if (token.expiresAt - token.receivedAt >= MIN_LIFETIME_MS) return token;
        if (attempt >= STALE_TRIES) {
          serverTokenFetchFailed(
            DEV
              ? `${origin} kept returning server tokens that expire within ${MIN_LIFETIME_MS / 1000} s (${STALE_TRIES} tries): issue a new sct_ per request, with expires_in of at least ${MIN_LIFETIME_MS / 1000} s (CaptchaLa's default is 300).`
              : '',
          );
        }
        await sleep(500 * attempt);
        if (signal.aborted)
          serverTokenFetchFailed(DEV ? `${origin}: the request was aborted.` : '', signal.reason);
      }
    },
  };
}
