import { DEV } from './DEV';
import {
  type CreateServerTokenSourceOptions,
  type ServerTokenSource,
  serverTokenFetchFailed,
} from './ServerTokenSource';

/**
 * Where `sct_` tokens come from: a static value, a provider function, or a URL (POST `{action}`). Fresh tokens
 * (provider or URL) are fetched by a module loaded on the first fetch, so pages without them never download it;
 * when it cannot load (offline), that fetch fails with `server_token_fetch_failed` and the next one tries again.
 */
export function createServerTokenSource(options: CreateServerTokenSourceOptions): ServerTokenSource {
  const { serverToken, now } = options;
  if (options.serverTokenProvider || options.serverTokenUrl) {
    let fresh: Promise<ServerTokenSource> | undefined;
    return {
      refreshable: true,
      async fetch(fetchOptions) {
        fresh ??= import('./createFreshServerTokenSource').then(
          (module) => module.createFreshServerTokenSource(options),
          (cause: unknown) => {
            fresh = undefined;
            serverTokenFetchFailed(
              DEV
                ? `The kit's server-token module did not load (${String(cause)}): is the page offline?`
                : '',
              cause,
            );
          },
        );
        return (await fresh).fetch(fetchOptions);
      },
    };
  }
  return {
    refreshable: false,
    fetch: async () =>
      serverToken
        ? { token: serverToken, receivedAt: now(), expiresAt: Number.POSITIVE_INFINITY }
        : undefined,
  };
}
