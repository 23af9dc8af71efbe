import { defineBrowserProvider } from '@vitest/browser';
import type { EngineDriver } from './EngineDriver';
import { type DrivenEngine, launchEngine } from './launchEngine';

/** The provider's name, for code that asks which provider runs (`ctx.provider.name`). */
export const REMOTE_PROVIDER = 'captchala-engine';

/** What custom commands get besides Vitest's own context: the driver of the tab the tests run in. */
export interface RemoteCommandsContext {
  driver: EngineDriver;
}

/**
 * A Vitest browser provider for the engines Playwright cannot drive here (Debian's Firefox ESR and WebKitGTK):
 * one browser per project, one tab, the tester page loaded into it; files run one after another. Input goes
 * through the custom commands (`pressKey`, `typeText`), which drive the engine's real keyboard.
 */
export function remoteBrowser(engine: DrivenEngine) {
  return defineBrowserProvider({
    name: REMOTE_PROVIDER,
    supportedBrowser: [engine],
    options: {},
    providerFactory(project) {
      let driver: Promise<EngineDriver> | null = null;
      let current: EngineDriver | null = null;
      // The tester page asks for the viewport of the test's frame.
      const viewport = async (context: unknown, size: { width: number; height: number }) => {
        await (context as RemoteCommandsContext).driver.setViewport(size.width, size.height);
      };
      project.browser?.registerCommand('__vitest_viewport' as never, viewport as never);
      return {
        name: REMOTE_PROVIDER,
        supportsParallelism: false,
        getCommandsContext: (): Record<string, unknown> & RemoteCommandsContext => {
          if (!current) throw new Error(`${engine} is not open yet`);
          return { driver: current };
        },
        async openPage(_sessionId: string, url: string) {
          driver ??= launchEngine(engine).then((launched) => {
            current = launched;
            return launched;
          });
          await (await driver).goto(url);
        },
        async close() {
          const closing = driver;
          driver = null;
          current = null;
          await (await closing)?.close();
        },
      };
    },
  });
}
