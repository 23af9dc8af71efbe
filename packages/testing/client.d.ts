// Types for `virtual:captchala-fake` (reference with `/// <reference types="@captchala-kit/testing/client" />`).
declare module 'virtual:captchala-fake' {
  /** Path the stand-in is mounted under, e.g. `/__captchala`. */
  export const baseUrl: string;
  /** Same-origin loader URL to use instead of CaptchaLa's CDN. */
  export const loaderUrl: string;
  /** API base (same origin) to validate against instead of `https://apiv1.captcha.la`. */
  export const apiUrl: string;
  /** The fixed test app keys (see the package README). */
  export const testAppKeys: typeof import('@captchala-kit/testing')['TEST_APP_KEYS'];
}
