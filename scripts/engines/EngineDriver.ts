/** The browsers the kit is tested in: Playwright drives Chromium; the other two come from Debian's packages. */
export const Engine = { Chromium: 'chromium', Firefox: 'firefox', WebKit: 'webkit' } as const;
export type Engine = (typeof Engine)[keyof typeof Engine];

/** A browser the tests drive that Playwright cannot: Firefox over WebDriver BiDi, WebKitGTK over WebDriver. */
export interface EngineDriver {
  readonly engine: Engine;
  /** `firefox/153.8.0`, `webkit/2.50.6`. */
  readonly version: string;
  /** Loads `url` in the one tab, and waits for its `load`. */
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  /** Sizes the viewport (WebKit: the window, which is close enough for layout-independent tests). */
  setViewport(width: number, height: number): Promise<void>;
  /**
   * Runs `fn` in the page with JSON arguments and resolves its JSON result (a promise is awaited). The function
   * is sent as source (or given as source: an expression that is a function): it sees nothing of the test's scope.
   */
  evaluate<Result, Args extends unknown[]>(
    fn: ((...args: Args) => Result) | string,
    ...args: Args
  ): Promise<Awaited<Result>>;
  /**
   * A real pointer click at the centre of the element `find` returns (run in the page like `evaluate`), located by
   * the browser when it performs the action. `find` must return an element in view; the page's own layout can
   * still move it in between (WebKit then refuses "move target out of bounds", Firefox clicks where it was), so
   * callers confirm the element received the click.
   */
  clickElement<Args extends unknown[]>(find: string, ...args: Args): Promise<void>;
  /** A real key press (`Enter`, `Escape`, `Tab`, `a`…) to whatever has focus. */
  press(key: string): Promise<void>;
  /** Real key presses, one per character, to whatever has focus. */
  type(text: string): Promise<void>;
  /** Console messages, where the engine reports them (null where it does not: WebKit over classic WebDriver). */
  onConsole: ((listener: (message: { type: string; text: string }) => void) => () => void) | null;
  close(): Promise<void>;
}

/**
 * A function's source as an expression the page can run. The test's transpiler may have wrapped named functions in
 * `__name(fn, "name")` (esbuild's keepNames), a helper the page does not have: give it one.
 */
export function pageFunction(fn: ((...args: never[]) => unknown) | string): string {
  return `((__name) => (${fn.toString()}))((fn) => fn)`;
}
