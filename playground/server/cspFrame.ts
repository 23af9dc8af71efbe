/** The fields of a browser's `report-uri` CSP violation report (`application/csp-report`) the site logs. */
export interface CspReport {
  directive: string;
  blockedUri: string;
  documentUri: string;
}

/** The frame page of cause 5, built with the playground's other pages (pages/csp-blocked-frame.html). */
export const CSP_FRAME_PAGE = 'pages/csp-blocked-frame.html';

/**
 * The nonce Vite puts on every script it writes into the playground's pages (`html.cspNonce` in its config): the
 * frame's own scripts carry it, as a site's do.
 */
export const PAGE_NONCE = 'playground-nonce';

/**
 * The policy of a page with a nonce-only CSP, as many sites have (`script-src 'nonce-…'`, no `'strict-dynamic'`
 * and no CaptchaLa host): its own scripts run, the widget puts the nonce on the loader tag, and the SDK the loader
 * adds without a nonce is refused. Sent as a header, so the browser reports each violation to `reportUrl`.
 */
export function cspFrameHeaders(options: { reportUrl: string }): Record<string, string> {
  return {
    'cache-control': 'no-store',
    'content-security-policy': `script-src 'nonce-${PAGE_NONCE}'; object-src 'none'; base-uri 'none'; report-uri ${options.reportUrl}`,
  };
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
