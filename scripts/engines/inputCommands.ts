import type { BrowserCommand } from 'vitest/node';
import type { RemoteCommandsContext } from './remoteBrowserProvider';

type Context = Parameters<BrowserCommand<[]>>[0];

/** The page to type into: Playwright's, or the remote engine's driver. */
function keyboardOf(context: Context) {
  if ('driver' in context) return (context as unknown as RemoteCommandsContext).driver;
  const { page } = context as unknown as { page: import('playwright').Page };
  return {
    press: (key: string) => page.keyboard.press(key),
    type: (text: string) => page.keyboard.type(text),
  };
}

/**
 * A real key press (`Enter`, `Escape`, `Tab`…) to whatever has focus in the test's page, in every engine the
 * browser projects run: what `userEvent.keyboard` does for Playwright only.
 */
export const pressKey: BrowserCommand<[key: string]> = async (context, key) => {
  await (await keyboardOf(context)).press(key);
};

/** Real key presses, one per character, to whatever has focus. */
export const typeText: BrowserCommand<[text: string]> = async (context, text) => {
  await (await keyboardOf(context)).type(text);
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    pressKey(key: string): Promise<void>;
    typeText(text: string): Promise<void>;
  }
}
