import type { EngineDriver } from '../../scripts/engines/EngineDriver';
import { type Action, act, type InPageResult, resolveElements, type Step, type TextMatcher } from './inPage';

/**
 * The part of Playwright's `Page` and `Locator` the cross-engine specs use, over an `EngineDriver` (Firefox,
 * WebKitGTK): locators resolved in the page on every use, actions that wait for their element as Playwright's do
 * (there, visible, enabled, not covered), real pointer clicks and key presses. What an engine cannot observe
 * (network events; console messages in WebKit) throws `UnsupportedInEngine`, so a spec says it skips there.
 */

/** Playwright's default `expect` and action timeout, which the specs are written against. */
const TIMEOUT = 5_000;
const POLL_MS = 50;

export class UnsupportedInEngine extends Error {
  constructor(what: string, engine: string) {
    super(
      `${what} is not available in ${engine} here (see scripts/engines/README.md): skip this check there.`,
    );
  }
}

const toMatcher = (text: string | RegExp, exact = false): TextMatcher =>
  typeof text === 'string' ? { string: text, exact } : { regex: text.source, flags: text.flags };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const queues = new WeakMap<EngineDriver, Promise<unknown>>();

/** Runs `task` after the driver's earlier exclusive tasks settled. */
function exclusive<T>(driver: EngineDriver, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(driver) ?? Promise.resolve()).then(task, task);
  queues.set(
    driver,
    run.catch(() => undefined),
  );
  return run;
}

let clicks = 0;

/** `resolveElements` and `act` composed into one script the page runs. */
const RUN = `(steps, action) => (${act.toString()})((${resolveElements.toString()})(steps), action)`;
/**
 * The one element the steps resolve to, scrolled to the viewport's centre, for the driver to click where it is when
 * it clicks. It arms a one-shot capture listener that records whether the click reached it: the page's own layout
 * can move it between this script and the pointer action (another section growing above it), and then the click
 * lands elsewhere.
 */
const ELEMENT = `(steps, mark) => {
  const element = (${resolveElements.toString()})(steps)[0];
  element.scrollIntoView({ block: 'center', inline: 'center' });
  const root = element.getRootNode();
  const received = (event) => {
    if (event.composedPath().includes(element)) window[mark] = true;
  };
  root.addEventListener('click', received, { capture: true, once: true });
  window[mark] = false;
  return element;
}`;
/** Whether the click armed by `ELEMENT` reached its element: `false` only when it is known to have missed. */
const RECEIVED = `(mark) => window[mark] !== false`;
/** How often a click that landed elsewhere (the element moved under the pointer) is tried again. */
const CLICK_ATTEMPTS = 3;
const EVALUATE = (user: string) =>
  `(steps, arg, all) => {
    const elements = (${resolveElements.toString()})(steps);
    if (!all && elements.length !== 1) return { found: elements.length };
    return Promise.resolve((${user})(all ? elements : elements[0], arg)).then((value) => ({ found: elements.length, value }));
  }`;

interface ClickState {
  visible: boolean;
  enabled: boolean;
  checked: boolean;
  receives: boolean;
}

export class EngineLocator {
  readonly #driver: EngineDriver;
  readonly #steps: Step[];

  constructor(driver: EngineDriver, steps: Step[]) {
    this.#driver = driver;
    this.#steps = steps;
  }

  toString(): string {
    return `locator(${JSON.stringify(this.#steps)})`;
  }

  #with(step: Step): EngineLocator {
    return new EngineLocator(this.#driver, [...this.#steps, step]);
  }

  locator(css: string, options: { hasText?: string | RegExp } = {}): EngineLocator {
    return this.#with({
      css,
      ...(options.hasText !== undefined ? { hasText: toMatcher(options.hasText) } : {}),
    });
  }

  getByRole(role: string, options: { name?: string | RegExp; exact?: boolean } = {}): EngineLocator {
    return this.#with({
      role,
      ...(options.name !== undefined ? { name: toMatcher(options.name, options.exact) } : {}),
    });
  }

  getByLabel(text: string | RegExp, options: { exact?: boolean } = {}): EngineLocator {
    return this.#with({ label: toMatcher(text, options.exact) });
  }

  getByText(text: string | RegExp, options: { exact?: boolean } = {}): EngineLocator {
    return this.#with({ text: toMatcher(text, options.exact) });
  }

  nth(index: number): EngineLocator {
    return this.#with({ nth: index });
  }

  first(): EngineLocator {
    return this.nth(0);
  }

  last(): EngineLocator {
    return this.nth(-1);
  }

  /** Runs an action in the page once. */
  run(action: Action): Promise<InPageResult> {
    return this.#driver.evaluate<InPageResult, [Step[], Action]>(RUN, this.#steps, action);
  }

  /** Retries `action` until `done` says its result will do, or the timeout: then throws, saying what was seen. */
  async #until<T>(action: Action, done: (result: InPageResult) => T | undefined, what: string): Promise<T> {
    const deadline = Date.now() + TIMEOUT;
    let last: InPageResult | undefined;
    for (;;) {
      last = await this.run(action);
      const outcome = done(last);
      if (outcome !== undefined) return outcome;
      if (Date.now() > deadline) {
        throw new Error(`${what}: ${this} (${last.found} matching, last ${JSON.stringify(last.value)})`);
      }
      await sleep(POLL_MS);
    }
  }

  /** One element, there: what reading a property of it waits for. */
  #one<T>(action: Action, what: string): Promise<T> {
    return this.#until(action, (result) => (result.found === 1 ? (result.value as T) : undefined), what);
  }

  async click(): Promise<void> {
    // One click at a time per tab: another action's scrolling between finding the spot and clicking it would
    // move the element away (Playwright serialises a page's actions the same way).
    await exclusive(this.#driver, () => this.#click());
  }

  async #click(): Promise<void> {
    await this.#until<ClickState>(
      { type: 'state' },
      (result) => {
        const value = result.value as ClickState | undefined;
        return result.found === 1 && value?.visible && value.enabled && value.receives ? value : undefined;
      },
      'click: waiting for exactly one visible, enabled element that receives the click',
    );
    for (let attempt = 1; ; attempt++) {
      const mark = `__engineClick${++clicks}`;
      const moved = await this.#driver.clickElement(ELEMENT, this.#steps, mark).then(
        () => false,
        (error: Error) => {
          // WebKit refuses a pointer move to an element that left the viewport: the same miss, said up front.
          if (/move target out of bounds/.test(error.message)) return true;
          throw error;
        },
      );
      // A click that navigated left no mark to read: it reached something that acts, so it is not repeated.
      const received =
        !moved && (await this.#driver.evaluate<boolean, [string]>(RECEIVED, mark).catch(() => true));
      if (received) return;
      if (attempt === CLICK_ATTEMPTS)
        throw new Error(`click: the element moved away under the pointer ${CLICK_ATTEMPTS} times (${this})`);
    }
  }

  async check(): Promise<void> {
    const state = await this.#one<ClickState>({ type: 'state' }, 'check');
    if (!state.checked) await this.click();
  }

  /** As Playwright's: focuses the field and replaces what it holds with `text`, as one edit. */
  async fill(text: string): Promise<void> {
    await this.#until(
      { type: 'fill', text },
      (result) => (result.found === 1 && result.value === true ? true : undefined),
      'fill: waiting for exactly one editable field',
    );
  }

  /** Waits for exactly one visible element, as Playwright's `waitFor()`. */
  async waitFor(options: { timeout?: number } = {}): Promise<void> {
    await expectEngineLocator(this).toBeVisible(options);
  }

  /** One locator per element matching now, as Playwright's `all()`. */
  async all(): Promise<EngineLocator[]> {
    const { found } = await this.run({ type: 'count' });
    return Array.from({ length: found }, (_, index) => this.nth(index));
  }

  async selectOption(value: string): Promise<void> {
    await this.#until(
      { type: 'select', value },
      (result) => (result.found === 1 && result.value === true ? true : undefined),
      `selectOption(${JSON.stringify(value)})`,
    );
  }

  textContent(): Promise<string | null> {
    return this.#one({ type: 'textContent' }, 'textContent');
  }

  getAttribute(name: string): Promise<string | null> {
    return this.#one({ type: 'attribute', name }, `getAttribute(${name})`);
  }

  inputValue(): Promise<string> {
    return this.#one({ type: 'value' }, 'inputValue');
  }

  async evaluate<R, A>(fn: (element: never, arg: A) => R, arg?: A): Promise<R> {
    const run = () =>
      this.#driver.evaluate<InPageResult, [Step[], A | undefined, boolean]>(
        EVALUATE(fn.toString()),
        this.#steps,
        arg,
        false,
      );
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      const result = await run();
      if (result.found === 1) return result.value as R;
      if (Date.now() > deadline) throw new Error(`evaluate: ${this} matched ${result.found}`);
      await sleep(POLL_MS);
    }
  }

  async evaluateAll<R, A>(fn: (elements: never[], arg: A) => R, arg?: A): Promise<R> {
    const result = await this.#driver.evaluate<InPageResult, [Step[], A | undefined, boolean]>(
      EVALUATE(fn.toString()),
      this.#steps,
      arg,
      true,
    );
    return result.value as R;
  }
}

type Listener = (value: { type(): string; text(): string }) => void;

export class EnginePage {
  readonly #driver: EngineDriver;
  readonly #baseURL: string;
  readonly #stops: Array<() => void> = [];

  constructor(driver: EngineDriver, baseURL: string) {
    this.#driver = driver;
    this.#baseURL = baseURL;
  }

  async goto(url: string): Promise<void> {
    await this.#driver.goto(new URL(url, this.#baseURL).href);
  }

  url(): Promise<string> {
    return this.#driver.url();
  }

  locator(css: string, options: { hasText?: string | RegExp } = {}): EngineLocator {
    return new EngineLocator(this.#driver, []).locator(css, options);
  }

  getByRole(role: string, options: { name?: string | RegExp; exact?: boolean } = {}): EngineLocator {
    return new EngineLocator(this.#driver, []).getByRole(role, options);
  }

  getByLabel(text: string | RegExp, options: { exact?: boolean } = {}): EngineLocator {
    return new EngineLocator(this.#driver, []).getByLabel(text, options);
  }

  getByText(text: string | RegExp, options: { exact?: boolean } = {}): EngineLocator {
    return new EngineLocator(this.#driver, []).getByText(text, options);
  }

  evaluate<R, A>(fn: (arg: A) => R, arg?: A): Promise<Awaited<R>> {
    return this.#driver.evaluate(fn as never, arg as never) as Promise<Awaited<R>>;
  }

  /** Playwright's `**`-and-`*` glob, against the page's URL, polled. */
  async waitForURL(glob: string, options: { timeout?: number } = {}): Promise<void> {
    const pattern = new RegExp(
      `^${glob
        .split('**')
        .map((part) =>
          part
            .split('*')
            .map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]*'),
        )
        .join('.*')}$`,
    );
    const deadline = Date.now() + (options.timeout ?? 30_000);
    while (!pattern.test(await this.#driver.url())) {
      if (Date.now() > deadline)
        throw new Error(`waitForURL(${glob}): the page stayed at ${await this.#driver.url()}`);
      await sleep(POLL_MS);
    }
  }

  on(event: string, listener: Listener): this {
    if (event !== 'console' || !this.#driver.onConsole) {
      throw new UnsupportedInEngine(`page.on('${event}')`, this.#driver.engine);
    }
    this.#stops.push(
      this.#driver.onConsole((message) => listener({ type: () => message.type, text: () => message.text })),
    );
    return this;
  }

  waitForResponse(): never {
    throw new UnsupportedInEngine('page.waitForResponse()', this.#driver.engine);
  }

  /** Ends what this page listened to (the driver's tab outlives it: the next test reuses it). */
  dispose(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }
}

/** Playwright's `expect(locator)` matchers, polled in the page until they hold or the timeout passes. */
export function expectEngineLocator(locator: EngineLocator, negate = false) {
  const check = async (
    what: string,
    action: Action,
    holds: (result: InPageResult) => boolean,
    timeout?: number,
  ) => {
    const deadline = Date.now() + (timeout ?? TIMEOUT);
    let last: InPageResult | undefined;
    for (;;) {
      last = await locator.run(action);
      if (holds(last) !== negate) return;
      if (Date.now() > deadline) {
        throw new Error(
          `expect(${locator})${negate ? '.not' : ''}.${what}: after ${timeout ?? TIMEOUT} ms, ${last.found} matching, value ${JSON.stringify(last.value)}`,
        );
      }
      await sleep(POLL_MS);
    }
  };
  const single = (result: InPageResult) => result.found === 1;
  const oneText = (text: string, expected: string | RegExp, contain: boolean) => {
    if (expected instanceof RegExp) return expected.test(text);
    const wanted = expected.replace(/[\s\u00a0]+/g, ' ').trim();
    return contain ? text.includes(wanted) : text === wanted;
  };
  // One expected text for one element, or (as Playwright's) a list for the elements in order.
  type Expected = string | RegExp | ReadonlyArray<string | RegExp>;
  const textHolds = (expected: Expected, contain: boolean) => (result: InPageResult) => {
    const texts = (result.value as string[] | undefined) ?? [];
    const list = typeof expected === 'string' || expected instanceof RegExp ? [expected] : expected;
    return (
      texts.length === list.length && list.every((one, index) => oneText(texts[index] ?? '', one, contain))
    );
  };
  type Options = { timeout?: number };
  return {
    toHaveText: (expected: Expected, options: Options = {}) =>
      check(`toHaveText(${expected})`, { type: 'texts' }, textHolds(expected, false), options.timeout),
    toContainText: (expected: Expected, options: Options = {}) =>
      check(`toContainText(${expected})`, { type: 'texts' }, textHolds(expected, true), options.timeout),
    toHaveAttribute: (name: string, value?: string | RegExp, options: Options = {}) =>
      check(
        `toHaveAttribute(${name}, ${value})`,
        { type: 'attribute', name },
        (result) =>
          single(result) &&
          (value === undefined
            ? result.value !== null
            : typeof result.value === 'string' &&
              (value instanceof RegExp ? value.test(result.value) : result.value === value)),
        options.timeout,
      ),
    toHaveCount: (count: number, options: Options = {}) =>
      check(`toHaveCount(${count})`, { type: 'count' }, (result) => result.found === count, options.timeout),
    toHaveValue: (value: string | RegExp, options: Options = {}) =>
      check(
        `toHaveValue(${value})`,
        { type: 'value' },
        (result) =>
          single(result) &&
          (value instanceof RegExp ? value.test(String(result.value)) : result.value === value),
        options.timeout,
      ),
    toBeChecked: (options: Options = {}) =>
      check(
        'toBeChecked()',
        { type: 'state' },
        (result) => single(result) && (result.value as ClickState).checked,
        options.timeout,
      ),
    toBeEnabled: (options: Options = {}) =>
      check(
        'toBeEnabled()',
        { type: 'state' },
        (result) => single(result) && (result.value as ClickState).enabled,
        options.timeout,
      ),
    toBeDisabled: (options: Options = {}) =>
      check(
        'toBeDisabled()',
        { type: 'state' },
        (result) => single(result) && !(result.value as ClickState).enabled,
        options.timeout,
      ),
    toBeVisible: (options: Options = {}) =>
      check(
        'toBeVisible()',
        { type: 'state' },
        (result) => single(result) && (result.value as ClickState).visible,
        options.timeout,
      ),
  };
}
