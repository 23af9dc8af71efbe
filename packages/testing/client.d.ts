// Types for `virtual:captchala-fake` (reference with `/// <reference types="@captchala-kit/testing/client" />`).
declare module 'virtual:captchala-fake' {
  /** Path the stand-in is mounted under, e.g. `/__captchala`. */
  export const baseUrl: string;
  /** Same-origin loader URL to use instead of CaptchaLa's CDN. */
  export const loaderUrl: string;
  /** API base (same origin) to validate against instead of `https://apiv1.captcha.la`. */
  export const apiUrl: string;
  export const testAppKeys: {
    pass: 'test_pass';
    autoPass: 'test_auto_pass';
    fail: 'test_fail';
    serverToken: 'test_server_token';
    disabled: 'test_disabled';
    rateLimited: 'test_rate_limited';
  };
}
