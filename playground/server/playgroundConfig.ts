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
  /** App key for scenarios that pass on interaction (the live key in live mode). */
  appKey: string;
  /** Server-side only: API base and secret for validation. */
  apiBase: (requestOrigin: string) => string;
  appSecret: string;
}

export const FAKE_BASE_PATH = '/__captchala';

export interface PlaygroundConfigOptions {
  env: Record<string, string | undefined>;
  fakeAppKey: string;
  fakeAppSecret: string;
}

export function playgroundConfig(options: PlaygroundConfigOptions): PlaygroundConfig {
  const { env, fakeAppKey, fakeAppSecret } = options;
  const appKey = env['CAPTCHALA_APP_KEY'];
  const appSecret = env['CAPTCHALA_APP_SECRET'];
  if (appKey && appSecret) {
    return {
      mode: PlaygroundMode.Live,
      loaderUrl: env['CAPTCHALA_LOADER_URL'] || 'https://cdn.captcha-cdn.net/captchala-loader.js',
      appKey,
      apiBase: () => env['CAPTCHALA_API_BASE'] || 'https://apiv1.captcha.la',
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
    appKey: fakeAppKey,
    apiBase: (origin) => `${origin}${FAKE_BASE_PATH}`,
    appSecret: fakeAppSecret,
  };
}
