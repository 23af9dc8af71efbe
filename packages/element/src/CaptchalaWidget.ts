import {
  CaptchalaError,
  type CaptchalaSnapshot,
  CaptchalaStatus,
  IDLE_SNAPSHOT,
  type Product,
  type ServerTokenProvider,
  type Theme,
} from '@captchala-kit/core';
import {
  type CaptchalaController,
  createCaptchalaController,
  notMountedError,
} from '@captchala-kit/core/internal';
import { css, type PropertyValues, ReactiveElement } from '@lit/reactive-element';
import {
  CAPTCHALA_EVENTS,
  CaptchalaChangeEvent,
  CaptchalaErrorEvent,
  type CaptchalaEventName,
  CaptchalaStatusEvent,
} from './captchalaEvents';
import { DEV } from './DEV';
import { FocusReturn } from './FocusReturn';
import type { LoadingStrategy } from './LoadingStrategy';
import { effectiveLang, observeLang } from './langObserver';
import { loadingTrigger } from './loadingTrigger';
import { neutraliseSdkButtons } from './neutraliseSdkButtons';
import {
  CAPTCHALA_OPTIONS,
  DEFAULTS,
  type OptionNames,
  parseWidgetOptions,
  type WidgetOptions,
} from './options';

import { SnapshotController } from './SnapshotController';
import { joinSubmitGuard } from './SubmitGuard';
import {
  ANNOUNCED,
  ENGLISH,
  loadedMessages,
  loadMessages,
  type Messages,
  resolveUiLanguage,
  type UiLanguage,
} from './statusText';

/** Off: not connected. Unarmed: settings not (yet) accepted. Armed: waiting for its loading strategy. */
type Phase = 'off' | 'unarmed' | 'armed' | 'started';

/**
 * A CaptchaLa challenge that is also a form control: the pass token travels in `FormData` under `name`, is
 * always fresh and never used twice. On submit without a fresh token the widget holds the submission, runs one
 * challenge and re-submits with the same submitter.
 *
 * @tag captchala-widget
 * @summary CaptchaLa for any form: refresh-before-submit, clear-after-use.
 *
 * @attr lang - The native global attribute: the language of the SDK and the status line. Absent, the closest
 * ancestor's (or the document's), followed live.
 * @attr nonce - The native global attribute: CSP nonce for the loader tag (detected from the page when absent).
 *
 * @fires {CaptchalaReadyEvent} captchala-ready - The SDK is loaded and a challenge preloaded.
 * @fires {CaptchalaSuccessEvent} captchala-success - A challenge was solved; `detail: {token, issuedAt, expiresAt, result}`.
 * @fires {CaptchalaExpiredEvent} captchala-expired - An unused token went stale and was dropped.
 * @fires {CaptchalaErrorEvent} captchala-error - Something failed; `detail` is the `CaptchalaError` (`code`, `message`, `refreshable`, `cause`).
 * @fires {CaptchalaCloseEvent} captchala-close - The user dismissed the challenge.
 * @fires {CaptchalaStatusEvent} captchala-status - The status changed; `detail: {status}`.
 * @fires {CaptchalaChangeEvent} captchala-change - The snapshot changed; `detail` is the new snapshot.
 *
 * @csspart base - The wrapper around the SDK's slot and the status line.
 * @csspart status - The localised status line; verified, expired and error are announced (role=status).
 *
 * @cssprop [--captchala-widget-min-height] - Space reserved for the SDK before it renders (per product by default).
 * @cssprop [--captchala-widget-status-color] - Colour of the status line (default: inherited).
 * @cssprop [--captchala-widget-error-color] - Colour of the status line in the error state (default: a red with 4.5:1 contrast in light and dark colour schemes).
 *
 * @slot - The SDK's container (created by the widget in light DOM, so the SDK's document-level CSS applies).
 */
export class CaptchalaWidget extends ReactiveElement {
  static readonly tagName = 'captchala-widget';
  /** The package version, so two copies on one page can be told apart. */
  static readonly version = '0.0.0';
  static formAssociated = true;

  /** The settings' declarations: `CAPTCHALA_OPTIONS`, from which the wrappers derive theirs. */
  static override properties = CAPTCHALA_OPTIONS;

  static override styles = css`
    :host {
      display: block;
      --_min-height: var(--captchala-widget-min-height, 52px);
    }
    :host([product='embed']) {
      --_min-height: var(--captchala-widget-min-height, 74px);
    }
    :host([product='bind']) {
      --_min-height: var(--captchala-widget-min-height, 0px);
    }
    :host([hidden]) {
      display: none;
    }
    [part='base'] {
      min-height: var(--_min-height);
    }
    [part='status'] {
      font: inherit;
      font-size: 0.85em;
      color: var(--captchala-widget-status-color, inherit);
      min-height: 1.3em;
    }
    :host([data-status='error']) [part='status'] {
      /* 6.5:1 on white, 7.9:1 on #111: follows the page's color-scheme. */
      color: var(--captchala-widget-error-color, light-dark(#b91c1c, #fca5a5));
    }
  `;

  /** Your app key (public). Required. */
  declare appKey: string;
  /** Scene echoed back by server validation (`data.action`). */
  declare action: string;
  /** `popup` | `float` | `embed` | `bind`. */
  declare product: Product;
  /** A preset (`dark`, `stereoscopic`), a JSON string, or (as a property) an object. */
  declare theme: Theme | string | undefined;
  /** A static server challenge token (`sct_…`). */
  declare serverToken: string | undefined;
  /** POST `{action}` → `{server_token, expires_in}`: where fresh server tokens come from. */
  declare serverTokenUrl: string | undefined;
  /** Property only: returns a fresh server token. Wins over `server-token-url` and `server-token`. */
  declare serverTokenProvider: ServerTokenProvider | undefined;
  /** Form field name of the pass token. */
  declare name: string;
  /** Seconds a pass token is trusted when the SDK reports no `ttl` (at least 1). */
  declare tokenTtl: number | string;
  /** Seconds before expiry at which a token stops counting as fresh (0 up to less than `token-ttl`). */
  declare refreshMargin: number | string;
  /** `eager` | `visible` | `interaction`: when the loader starts. */
  declare loading: LoadingStrategy;
  /** Disables the widget: it submits no value, guards nothing, and its SDK controls are inert. */
  declare disabled: boolean;
  /**
   * Loader URL; defaults to CaptchaLa's CDN. Only CaptchaLa's own loader, or exact URLs and origins allowed from
   * JavaScript with `allowLoaderOrigins()` (a same-origin or self-hosted loader included), are ever loaded.
   */
  declare loaderSrc: string | undefined;
  /**
   * How error messages name a setting: `attribute` (`app-key`, the default) or `property` (`appKey`, what the
   * React and Vue wrappers set, as their users write props).
   */
  optionNames: OptionNames = 'attribute';

  readonly #internals: ElementInternals;
  readonly #snapshot = new SnapshotController(this, (next, previous) => this.#changed(next, previous));
  readonly #container: HTMLDivElement;
  readonly #statusLine = document.createElement('div');
  /** Verified, expired and error are announced (role=status); the other statuses are only shown. */
  readonly #announcedText = document.createElement('span');
  readonly #quietText = document.createElement('span');
  readonly #focus: FocusReturn;
  #controller: CaptchalaController | undefined;
  #phase: Phase = 'off';
  #stops: Array<() => void> = [];
  #stopTrigger: (() => void) | undefined;
  #leaveGuard: (() => void) | undefined;
  #formDisabled = false;
  #lang = '';
  #settingsChanged = false;
  /** The language whose texts this widget waits for, so each render does not ask again. */
  #awaitedLanguage: UiLanguage | undefined;
  /** A language whose texts could not be loaded: English stands in for it. */
  #unavailableLanguage: UiLanguage | undefined;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.#container = document.createElement('div');
    this.#container.dataset['captchalaContainer'] = '';
    this.#focus = new FocusReturn({ container: this.#container, host: this });
    this.appKey = '';
    this.action = DEFAULTS.action;
    this.product = DEFAULTS.product;
    this.name = DEFAULTS.name;
    this.tokenTtl = DEFAULTS.tokenTtl;
    this.refreshMargin = DEFAULTS.refreshMargin;
    this.loading = DEFAULTS.loading;
    this.disabled = false;
  }

  /** The current immutable snapshot `{status, token, issuedAt, expiresAt, error}`; a new object only on change. */
  get snapshot(): CaptchalaSnapshot {
    return this.#snapshot.value;
  }
  /** The current unconsumed pass token, or `''`. */
  get token(): string {
    return this.#snapshot.value.token;
  }
  /** Current lifecycle status. */
  get status(): CaptchalaStatus {
    return this.#snapshot.value.status;
  }
  /** Epoch ms when the current token was received, or null. */
  get issuedAt(): number | null {
    return this.#snapshot.value.issuedAt;
  }
  /** Epoch ms when the current token stops being trusted, or null. */
  get expiresAt(): number | null {
    return this.#snapshot.value.expiresAt;
  }
  /** The last error, or null. */
  get error(): CaptchalaError | null {
    return this.#snapshot.value.error;
  }
  /** The form this widget belongs to. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  /**
   * A fresh pass token nobody else got, running a challenge if needed. It counts as used once returned.
   * Rejects with a `CaptchalaError` (`aborted`, `challenge_timeout`, `challenge_closed`, a configuration or
   * loading error, `not_mounted` before the widget is in the document, …); never stays pending after an error.
   */
  getToken(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string> {
    if (this.#phase === 'off') {
      return Promise.reject(
        notMountedError({ hint: DEV ? 'append the <captchala-widget> to the document first.' : '' }),
      );
    }
    const controller = this.#start();
    return controller ? controller.getToken(options) : Promise.reject(this.error);
  }

  /** Destroys and re-initialises the SDK (with a fresh server token when a provider or URL is set). */
  async reset(): Promise<void> {
    await this.#controller?.reset();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#internals.role = 'group';
    this.#phase = 'unarmed';
    if (!this.#container.isConnected) this.append(this.#container);
    this.#lang = effectiveLang(this);
    this.#joinForm(this.#internals.form);
    const listening = new AbortController();
    const { signal } = listening;
    window.addEventListener('pageshow', this.#onPageShow, { signal });
    this.addEventListener('click', this.#onClick, { signal });
    this.#container.addEventListener('pointerdown', this.#onPress, { capture: true, signal });
    this.#container.addEventListener('keydown', this.#onPress, { capture: true, signal });
    this.#stops = [
      () => listening.abort(),
      neutraliseSdkButtons(this.#container),
      observeLang(this, () => {
        const lang = effectiveLang(this);
        if (lang === this.#lang) return;
        this.#lang = lang;
        this.#settingsChanged = true;
        this.requestUpdate();
      }),
    ];
    // Armed in the first update (a microtask away), so properties a framework sets right after insertion count.
    this.#settingsChanged = true;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.#stops.splice(0)) stop();
    this.#stopTrigger?.();
    this.#joinForm(null);
    this.#teardown();
    this.#snapshot.show(IDLE_SNAPSHOT);
    this.#phase = 'off';
  }

  /** Settings take effect before rendering, so what they change (status, errors) renders in the same update. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('disabled')) {
      this.#container.inert = this.disabled;
      this.#internals.ariaDisabled = this.disabled ? 'true' : null;
      this.#syncFormValue();
    }
    if (changed.size === 0 && !this.#settingsChanged) return;
    this.#settingsChanged = false;
    if (this.#phase === 'unarmed' || this.#phase === 'armed') {
      // Not started yet: check the new settings now (errors show at once), and wait by the new strategy.
      this.#stopTrigger?.();
      this.#arm();
      return;
    }
    if (this.#phase !== 'started' || !this.#controller) return;
    const parsed = this.#parse();
    if (parsed instanceof CaptchalaError) this.#refuse(parsed);
    else this.#controller.update(parsed.controller);
  }

  /** Form control callbacks. */
  formResetCallback(): void {
    this.#controller?.discardToken();
    this.#syncFormValue();
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.#syncFormValue();
  }

  formAssociatedCallback(form: HTMLFormElement | null): void {
    if (this.isConnected) this.#joinForm(form);
  }

  /** The shadow tree is built once; `update()` keeps its texts and `lang` current. */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    const base = document.createElement('div');
    base.setAttribute('part', 'base');
    base.append(document.createElement('slot'));
    this.#announcedText.setAttribute('role', 'status');
    this.#statusLine.setAttribute('part', 'status');
    this.#statusLine.append(this.#announcedText, this.#quietText);
    root.append(base, this.#statusLine);
    return root;
  }

  /** Lit's `update()` (attributes reflected), then the status line: only what changed is written. */
  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const requested = resolveUiLanguage(this.#lang, navigator.languages);
    const messages = this.#messagesFor(requested);
    // English stands in for a language that failed to load: the status line's lang is what it shows.
    const language = messages === ENGLISH ? 'en' : requested;
    this.#internals.ariaLabel = (messages ?? ENGLISH).label;
    const { status, error } = this.#snapshot.value;
    // Empty while the page's language loads (never a flash of the wrong language).
    const text = messages
      ? `${messages[status]}${status === CaptchalaStatus.Error && error ? ` (${error.code})` : ''}`
      : '';
    const announced = ANNOUNCED.has(status);
    // Written only when different: a live region re-announces a rewritten text.
    if (this.#statusLine.lang !== language) this.#statusLine.lang = language;
    setText(this.#announcedText, announced ? text : '');
    setText(this.#quietText, announced ? '' : text);
  }

  /** The status texts in `language` if loaded; else undefined, and they load (then the widget renders again). */
  #messagesFor(language: UiLanguage): Messages | undefined {
    const messages =
      loadedMessages(language) ?? (this.#unavailableLanguage === language ? ENGLISH : undefined);
    if (!messages && this.#awaitedLanguage !== language) {
      this.#awaitedLanguage = language;
      loadMessages(language).then((loaded) => {
        this.#awaitedLanguage = undefined;
        if (loaded === ENGLISH) this.#unavailableLanguage = language;
        this.requestUpdate();
      });
    }
    return messages;
  }

  #parse(): WidgetOptions | CaptchalaError {
    // The native `nonce` property (read from `this`) keeps the value after the browser hides the attribute.
    return parseWidgetOptions(this, this.#lang, this.optionNames);
  }

  /** Validates the settings now, and starts when the loading strategy says so. */
  #arm(): void {
    const parsed = this.#parse();
    if (parsed instanceof CaptchalaError) {
      this.#refuse(parsed);
      return;
    }
    this.#phase = 'armed';
    this.#snapshot.show(IDLE_SNAPSHOT);
    // An eager strategy starts within this call, on the settings just parsed; a later start parses them afresh.
    let justParsed: WidgetOptions | undefined = parsed;
    this.#stopTrigger = loadingTrigger({
      strategy: parsed.loading,
      host: this,
      form: () => this.#internals.form,
      start: () => this.#start(justParsed),
    });
    justParsed = undefined;
  }

  /** Creates and mounts the controller on first need; returns it, or undefined after reporting bad settings. */
  #start(justParsed?: WidgetOptions): CaptchalaController | undefined {
    if (this.#controller) return this.#controller;
    this.#stopTrigger?.();
    this.#stopTrigger = undefined;
    const parsed = justParsed ?? this.#parse();
    if (parsed instanceof CaptchalaError) {
      this.#refuse(parsed);
      return undefined;
    }
    const forward = {} as Record<CaptchalaEventName, (detail?: unknown) => void>;
    for (const name in CAPTCHALA_EVENTS) {
      const event = CAPTCHALA_EVENTS[name as CaptchalaEventName];
      forward[name as CaptchalaEventName] = (detail) => this.dispatchEvent(new event(detail as never));
    }
    const controller = createCaptchalaController({
      ...parsed.controller,
      on: {
        // Every callback of core named like one of CAPTCHALA_EVENTS becomes that event; these do more first.
        ...forward,
        // From the snapshot (#changed), which also changes when no controller runs.
        status: undefined,
        success: (detail) => {
          this.#focus.restore();
          forward.success(detail);
        },
        error: (error) => {
          this.#focus.restore();
          this.#report(error);
        },
        close: () => {
          this.#focus.restore();
          forward.close();
        },
      },
    });
    this.#controller = controller;
    this.#phase = 'started';
    this.#snapshot.track(controller);
    controller.mount({ container: this.#container }).catch(() => {
      // Reported through `on.error`; the promise only tells the caller when mounting settled.
    });
    return controller;
  }

  /** Bad settings: the SDK goes, the token with it, and the error is shown until the settings are fixed. */
  #refuse(error: CaptchalaError): void {
    this.#teardown();
    this.#phase = 'unarmed';
    this.#snapshot.show(Object.freeze({ ...IDLE_SNAPSHOT, status: CaptchalaStatus.Error, error }));
    this.#report(error);
  }

  #teardown(): void {
    this.#snapshot.track(null);
    this.#controller?.destroy();
    this.#controller = undefined;
  }

  #report(error: CaptchalaError): void {
    console.error(`[captchala-widget] ${error.message} (${error.code})`);
    this.dispatchEvent(new CaptchalaErrorEvent(error));
  }

  #changed(next: CaptchalaSnapshot, previous: CaptchalaSnapshot): void {
    this.#syncFormValue();
    if (next.status === CaptchalaStatus.Solving && previous.status !== CaptchalaStatus.Solving) {
      this.#focus.start();
    }
    this.dispatchEvent(new CaptchalaChangeEvent(next));
    if (next.status !== previous.status)
      this.dispatchEvent(new CaptchalaStatusEvent({ status: next.status }));
  }

  #active(): boolean {
    return !this.disabled && !this.#formDisabled;
  }

  /** The form value is the held token, always: a handed-out, expired or discarded token is never in it. */
  #syncFormValue(): void {
    this.#internals.setFormValue(this.#active() && this.token ? this.token : null);
  }

  #joinForm(form: HTMLFormElement | null): void {
    this.#leaveGuard?.();
    this.#leaveGuard = form
      ? joinSubmitGuard(form, {
          container: this.#container,
          isActive: () => this.#active() && rendered(this),
          hasFreshToken: () => this.#controller?.hasFreshToken() ?? false,
          takeFreshToken: () => this.#controller?.takeFreshToken() ?? null,
          getToken: () => this.getToken(),
          isHandedOutTokenFresh: (token) => this.#controller?.isHandedOutTokenFresh(token) ?? false,
          setSubmissionValue: (token) => this.#internals.setFormValue(token),
          endSubmission: () => this.#syncFormValue(),
        })
      : undefined;
  }

  /** After an error, a click on the widget retries (with backoff), as a submit or `getToken()` would. */
  readonly #onClick = () => {
    if (this.status === CaptchalaStatus.Error) this.#controller?.retry();
  };

  /** The user may start a challenge from the SDK's own control: remember it, to give focus back afterwards. */
  readonly #onPress = (event: Event) => this.#focus.pressed(event.target);

  /** A page restored from the back/forward cache must never resubmit the token it had. */
  readonly #onPageShow = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    this.#controller?.discardToken();
    this.#syncFormValue();
  };
}

function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** Hidden (`hidden`, `display: none`, a closed `<details>`): such a widget takes no part in submissions. */
function rendered(element: HTMLElement): boolean {
  return typeof element.checkVisibility === 'function'
    ? element.checkVisibility()
    : element.getClientRects().length > 0;
}
