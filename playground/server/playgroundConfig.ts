import { FAKE_BASE_PATH } from '../shared/paths';

/**
 * Where the playground's CaptchaLa comes from. Offline (default): the stand-in mounted into this dev server.
 * Live: with CAPTCHALA_APP_KEY and CAPTCHALA_APP_SECRET set, the real CDN loader and the real API.
 */
export const PlaygroundMode = { Offline: 'offline', Live: 'live' } as const;
export type PlaygroundMode = (typeof PlaygroundMode)[keyof typeof PlaygroundMode];

export interface PlaygroundConfig {
  mode: PlaygroundMode;
  /** Loader URL the pages use. */
  loaderUrl: string;
  /**
   * Scripts beyond CaptchaLa's own that the pages allow with `allowLoaderOrigins` (a path resolves against the
   * page's origin): offline, the stand-in's loader and the SDK it fetches; live, a `CAPTCHALA_LOADER_URL` of yours.
   */
  allowedScripts: string[];
  /** App key for scenarios that pass on interaction (the live key in live mode). */
  appKey: string;
  /** App key the server-token endpoint issues `sct_` for (the live key in live mode). */
  serverTokenAppKey: string;
  /**
   * Server-side only: where CaptchaLa is, given the dev server's own origin (never the request's Host header,
   * which a client chooses). Undefined URLs mean the real service's defaults.
   */
  apiUrls: (devServerOrigin: string) => { baseUrl?: string; fallbackUrl?: string };
  appSecret: string;
}

/**
 * The app key a request to the site backend is validated for. Offline, the page may name the stand-in test key it
 * used (`?app_key=`; they share one secret); live, it is always yours.
 */
export function appKeyOf(config: PlaygroundConfig, request: Request): string {
  const requested = new URL(request.url).searchParams.get('app_key');
  return config.mode === PlaygroundMode.Offline && requested ? requested : config.appKey;
}

export interface PlaygroundConfigOptions {
  env: Record<string, string | undefined>;
  fakeAppKey: string;
  fakeServerTokenAppKey: string;
  fakeAppSecret: string;
}

export function playgroundConfig(options: PlaygroundConfigOptions): PlaygroundConfig {
  const { env, fakeAppKey, fakeServerTokenAppKey, fakeAppSecret } = options;
  const appKey = env['CAPTCHALA_APP_KEY'];
  const appSecret = env['CAPTCHALA_APP_SECRET'];
  if (appKey && appSecret) {
    return {
      mode: PlaygroundMode.Live,
      loaderUrl: env['CAPTCHALA_LOADER_URL'] || 'https://cdn.captcha-cdn.net/captchala-loader.js',
      allowedScripts: env['CAPTCHALA_LOADER_URL'] ? [env['CAPTCHALA_LOADER_URL']] : [],
      appKey,
      serverTokenAppKey: appKey,
      apiUrls: () => ({
        baseUrl: env['CAPTCHALA_API_BASE'] || undefined,
        fallbackUrl: env['CAPTCHALA_FALLBACK_URL'] || undefined,
      }),
      appSecret,
    };
  }
  if (appKey || appSecret) {
    throw new Error(
      'Set both CAPTCHALA_APP_KEY and CAPTCHALA_APP_SECRET to use the real CaptchaLa, or neither.',
    );
  }
  return {
    mode: PlaygroundMode.Offline,
    loaderUrl: `${FAKE_BASE_PATH}/captchala-loader.js`,
    allowedScripts: [`${FAKE_BASE_PATH}/captchala-loader.js`, `${FAKE_BASE_PATH}/captchala.js`],
    appKey: fakeAppKey,
    serverTokenAppKey: fakeServerTokenAppKey,
    apiUrls: (origin) => ({
      baseUrl: `${origin}${FAKE_BASE_PATH}`,
      fallbackUrl: `${origin}${FAKE_BASE_PATH}/fallback/api/validate`,
    }),
    appSecret: fakeAppSecret,
  };
}
