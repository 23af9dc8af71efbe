// @ts-check
// An init script for the challenges benchmark (plain JavaScript, as the browser gets it): counts the SDK's
// challenge requests as the page issues them (`window.__challengeRequests`), so a count read in the page's own
// submit handler excludes the challenge the kit preloads right after the submission.
(() => {
  /** @type {any} */
  const w = window;
  w.__challengeRequests = 0;
  const { fetch } = window;
  w.fetch = (/** @type {RequestInfo | URL} */ input, /** @type {RequestInit | undefined} */ init) => {
    if (String(input instanceof Request ? input.url : input).endsWith('/sdk/challenge'))
      w.__challengeRequests += 1;
    return fetch(input, init);
  };
})();
