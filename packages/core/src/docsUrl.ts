/** The docs site, defined once: every link the kit prints starts here. */
export const DOCS_URL = 'https://captchala-kit.dev/';

/**
 * Where a code is explained: its own entry on the error reference, whose anchor is the code (the site builds with
 * `cleanUrls` off, so its pages end in `.html`).
 */
export function errorDocsUrl(code: string): string {
  return `${DOCS_URL}reference/errors.html#${code}`;
}
