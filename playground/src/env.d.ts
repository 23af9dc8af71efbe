declare module 'virtual:playground-config' {
  const config: {
    mode: 'offline' | 'live';
    /** Loader URL: the stand-in's in offline mode, the real CDN's in live mode. */
    loaderUrl: string;
    /** Scripts beyond CaptchaLa's own the pages allow (the stand-in's, offline); paths are on the page's origin. */
    allowedScripts: string[];
    /** An app key that passes on interaction (the real key in live mode). */
    appKey: string;
  };
  export default config;
}
