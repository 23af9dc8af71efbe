import puppeteer from 'puppeteer-core';
import { Engine, type EngineDriver, pageFunction } from './EngineDriver';
import type { FoundFirefox } from './findEngines';

/**
 * Firefox over WebDriver BiDi, through puppeteer-core: no geckodriver, and Debian's stock firefox-esr (Playwright
 * drives only its own patched Firefox). One tab; the profile is a throwaway.
 */
export async function launchFirefox(found: FoundFirefox): Promise<EngineDriver> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: found.executablePath,
    protocol: 'webDriverBiDi',
    headless: true,
    // Nothing phones home: no updates, telemetry or remote settings on this closed network.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
    },
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const version = await browser.version();
  return {
    engine: Engine.Firefox,
    version,
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    url: async () => page.url(),
    async setViewport(width, height) {
      await page.setViewport({ width, height });
    },
    evaluate: (fn, ...args) =>
      page.evaluate(`${pageFunction(fn)}.apply(null, ${JSON.stringify(args)})`) as never,
    async clickElement(find, ...args) {
      const handle = await page.evaluateHandle(`${pageFunction(find)}.apply(null, ${JSON.stringify(args)})`);
      try {
        // BiDi locates an element origin when it performs the action (puppeteer exposes the handle's shared id
        // only on its BiDi handles).
        const { sharedId } = (handle as unknown as { remoteValue(): { sharedId?: string } }).remoteValue();
        if (!sharedId) throw new Error('clickElement: the page function returned no element');
        await page.mouse.click(0, 0, { origin: { type: 'element', element: { sharedId } } } as never);
      } finally {
        await handle.dispose();
      }
    },
    async press(key) {
      await page.keyboard.press(key as never);
    },
    async type(text) {
      await page.keyboard.type(text);
    },
    onConsole(listener) {
      const forward = (message: { type(): string; text(): string }) =>
        listener({ type: message.type(), text: message.text() });
      page.on('console', forward);
      return () => void page.off('console', forward);
    },
    close: () => browser.close(),
  };
}
