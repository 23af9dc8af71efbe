import { expect as playwrightExpect, test as playwrightTest } from '@playwright/test';
import { Engine, type EngineDriver } from '../scripts/engines/EngineDriver';
import { type DrivenEngine, launchEngine } from '../scripts/engines/launchEngine';
import { EngineLocator, EnginePage, expectEngineLocator, UnsupportedInEngine } from './engines/EnginePage';

export interface EngineOptions {
  /** The engine a project runs the specs in: Playwright's Chromium, or Firefox/WebKitGTK through a driver. */
  engine: Engine;
}

/**
 * Playwright Test with the engine as a project option: in Chromium `page` is Playwright's; in Firefox and WebKitGTK
 * it is the same API over the engine's driver (one browser per worker, one tab reused by its tests). Specs that
 * run in every engine import `test` and `expect` from here.
 */
export const test = playwrightTest.extend<object, EngineOptions & { driver: EngineDriver | null }>({
  engine: [Engine.Chromium, { option: true, scope: 'worker' }],
  driver: [
    async ({ engine }, use) => {
      const driver = engine === Engine.Chromium ? null : await launchEngine(engine as DrivenEngine);
      await use(driver);
      await driver?.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  page: async ({ page, driver, baseURL }, use) => {
    if (!driver) return use(page);
    const facade = new EnginePage(driver, baseURL ?? '');
    await use(facade as unknown as typeof page);
    facade.dispose();
    // Nothing of this test's page keeps running (timers, the stand-in's SDK) into the next one.
    await driver.goto('about:blank');
  },
});

/** Playwright's `expect`, with its locator matchers also for the engine facade's locators. */
export const expect = new Proxy(playwrightExpect, {
  apply(target, self, args: Parameters<typeof playwrightExpect>) {
    const [subject] = args;
    if (subject instanceof EngineLocator) {
      const matchers = expectEngineLocator(subject);
      return Object.assign(matchers, { not: expectEngineLocator(subject, true) });
    }
    return Reflect.apply(target, self, args);
  },
}) as typeof playwrightExpect;

type Page = import('@playwright/test').Page;
type ConsoleListener = (message: { type(): string; text(): string }) => void;

/**
 * Listens to the page's console where the engine reports it; false where it does not (WebKit over classic
 * WebDriver), so the spec's console check covers the other engines.
 */
export function onConsole(page: Page, listener: ConsoleListener): boolean {
  try {
    page.on('console', listener);
    return true;
  } catch (error) {
    if (error instanceof UnsupportedInEngine) return false;
    throw error;
  }
}

/** The next response for which `matches` holds, where the engine shows the wire (Chromium); else null. */
export function nextResponse(
  page: Page,
  matches: (response: import('@playwright/test').Response) => boolean,
): Promise<import('@playwright/test').Response> | null {
  return page instanceof EnginePage ? null : page.waitForResponse(matches);
}
