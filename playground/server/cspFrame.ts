import { randomBytes } from 'node:crypto';

/** The fields of a browser's `report-uri` CSP violation report (`application/csp-report`) the site logs. */
export interface CspReport {
  directive: string;
  blockedUri: string;
  documentUri: string;
}

export interface CspFrameOptions {
  /** The run this frame belongs to (letters and digits): its submissions and reports are logged under it. */
  run: string;
  /** Where the browser posts violation reports. */
  reportUrl: string;
  /** Where the frame's form posts. */
  submitUrl: string;
}

/**
 * A page with a nonce-only CSP, as many sites have (`script-src 'nonce-…'`, no `'strict-dynamic'` and no
 * CaptchaLa host): its own scripts run, the widget puts the nonce on the loader tag, and the SDK the loader adds
 * without a nonce is refused. Served with the policy as a header, so the browser reports each violation.
 */
export function cspFrameResponse(options: CspFrameOptions): Response {
  const { run, reportUrl, submitUrl } = options;
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>A page whose CSP blocks CaptchaLa</title>
    <link rel="stylesheet" href="/src/styles.css" />
  </head>
  <body>
    <main aria-label="A form on a page with a strict CSP">
      <form action="${submitUrl}" method="post" data-run="${run}">
        <captchala-widget action="login"></captchala-widget>
        <button type="submit">Send</button>
      </form>
    </main>
    <script type="module" nonce="${nonce}" src="/src/why-invalid-frame.ts"></script>
  </body>
</html>
`;
  return new Response(html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `script-src 'nonce-${nonce}'; object-src 'none'; base-uri 'none'; report-uri ${reportUrl}`,
    },
  });
}

/** The report inside a `report-uri` body (`{"csp-report": {…}}`), or null for anything else. */
export function readCspReport(body: unknown): CspReport | null {
  const report = (body as { 'csp-report'?: Record<string, unknown> } | null)?.['csp-report'];
  if (!report || typeof report !== 'object') return null;
  const text = (name: string) => (typeof report[name] === 'string' ? (report[name] as string) : '');
  return {
    directive: text('effective-directive') || text('violated-directive'),
    blockedUri: text('blocked-uri'),
    documentUri: text('document-uri'),
  };
}

/**
 * Whether a report is about a CaptchaLa script: a `script-src*` refusal of a URL next to the loader (the loader
 * itself or the SDK it adds). Browsers may report a cross-origin URL as its origin alone, which then counts.
 */
export function blocksCaptchalaScript(report: CspReport, loaderUrl: string): boolean {
  if (!report.directive.startsWith('script-src')) return false;
  let blocked: URL;
  let loaderDir: URL;
  try {
    blocked = new URL(report.blockedUri);
    loaderDir = new URL('.', new URL(loaderUrl, report.documentUri));
  } catch {
    return false;
  }
  const originOnly = blocked.pathname === '/' && !report.blockedUri.endsWith('/');
  return (
    blocked.origin === loaderDir.origin && (originOnly || blocked.pathname.startsWith(loaderDir.pathname))
  );
}
