import type { Browser, BrowserContext, CDPSession, Page } from 'playwright';

export interface BenchPage {
  page: Page;
  /** A DevTools session on the page: Profiler, HeapProfiler, Memory, Performance. */
  cdp: CDPSession;
  close(): Promise<void>;
}

export interface OpenPageOptions {
  browser: Browser;
  url: string;
  /** Runs before navigation: init scripts, `context.clock.install()`. */
  before?: (page: Page, context: BrowserContext) => Promise<void>;
}

/** A bench page in a fresh browser context (nothing cached, nothing shared), once its `window.bench` is set. */
export async function openPage(options: OpenPageOptions): Promise<BenchPage> {
  const context = await options.browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`  page error on ${options.url}: ${error.message}`));
  await options.before?.(page, context);
  await page.goto(options.url);
  await page.waitForFunction(() => 'bench' in window);
  const cdp = await context.newCDPSession(page);
  return { page, cdp, close: () => context.close() };
}

/** Runs `use` on a bench page (`openPage`), whose browser context is closed afterwards whatever happens. */
export async function withPage<T>(
  options: OpenPageOptions,
  use: (page: BenchPage) => Promise<T>,
): Promise<T> {
  const opened = await openPage(options);
  try {
    return await use(opened);
  } finally {
    await opened.close();
  }
}
