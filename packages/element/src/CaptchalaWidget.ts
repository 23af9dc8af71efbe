import {
  type CaptchalaController,
  CaptchalaError,
  CaptchalaStatus,
  createCaptchalaController,
  isProduct,
  type Product,
  type ServerTokenProvider,
  type Theme,
} from '@captchala-kit/core';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { CaptchalaCloseEvent } from './events/CaptchalaCloseEvent';
import { CaptchalaErrorEvent } from './events/CaptchalaErrorEvent';
import { CaptchalaExpiredEvent } from './events/CaptchalaExpiredEvent';
import { CaptchalaReadyEvent } from './events/CaptchalaReadyEvent';
import { CaptchalaStatusEvent } from './events/CaptchalaStatusEvent';
import { CaptchalaSuccessEvent } from './events/CaptchalaSuccessEvent';
import { LoadingStrategy, loadingTrigger } from './loadingTrigger';
import { parseTheme } from './parseTheme';
import { SnapshotController } from './SnapshotController';
import { SubmitGuard } from './SubmitGuard';
import { resolveUiLanguage, statusText } from './statusText';

/**
 * A CaptchaLa challenge that is also a form control: the pass token travels in `FormData` under `name`, is
 * always fresh and never used twice. On submit without a fresh token the widget holds the submission, runs one
 * challenge and re-submits with the same submitter.
 *
 * @tag captchala-widget
 * @summary CaptchaLa for any form: refresh-before-submit, clear-after-use.
 *
 * @fires {CaptchalaReadyEvent} captchala-ready - The SDK is loaded and a challenge preloaded.
 * @fires {CaptchalaSuccessEvent} captchala-success - A challenge was solved; `detail: {token, issuedAt, expiresAt, result}`.
 * @fires {CaptchalaExpiredEvent} captchala-expired - An unused token went stale and was dropped.
 * @fires {CaptchalaErrorEvent} captchala-error - Something failed; `detail: {code, message, refreshable}`.
 * @fires {CaptchalaCloseEvent} captchala-close - The user dismissed the challenge.
 * @fires {CaptchalaStatusEvent} captchala-status - The status changed; `detail: {status}`.
 *
 * @csspart base - The wrapper around the SDK's slot and the status line.
 * @csspart status - The localised status line (aria-live).
 *
 * @cssprop [--captchala-widget-min-height] - Space reserved for the SDK before it renders (per product by default).
 * @cssprop [--captchala-widget-status-color] - Colour of the status line.
 * @cssprop [--captchala-widget-error-color] - Colour of the status line in the error state.
 *
 * @slot - The SDK's container (created by the widget in light DOM, so the SDK's document-level CSS applies).
 */
export class CaptchalaWidget extends LitElement {
  static readonly tagName = 'captchala-widget';
  static formAssociated = true;

  static override properties = {
    appKey: { attribute: 'app-key' },
    action: {},
    product: { reflect: true },
    lang: {},
    theme: {
      converter: {
        fromAttribute: (value: string | null) => value,
        toAttribute: (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)),
      },
    },
    serverToken: { attribute: 'server-token' },
    serverTokenUrl: { attribute: 'server-token-url' },
    serverTokenProvider: { attribute: false },
    name: { reflect: true },
    tokenTtl: { attribute: 'token-ttl', type: Number },
    refreshMargin: { attribute: 'refresh-margin', type: Number },
    loading: { reflect: true },
    disabled: { type: Boolean, reflect: true },
    loaderSrc: { attribute: 'loader-src' },
  };

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
      color: var(--captchala-widget-error-color, #b91c1c);
    }
  `;

  /** Your app key (public). Required. */
  declare appKey: string;
  /** Scene echoed back by server validation (`data.action`). */
  declare action: string;
  /** `popup` | `float` | `embed` | `bind`. */
  declare product: Product;
  /** Any BCP-47 tag or `auto`; switches live when the SDK supports it. */
  declare lang: string;
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
  /** Seconds a pass token is trusted when the SDK reports no `ttl`. */
  declare tokenTtl: number;
  /** Seconds before expiry at which a token stops counting as fresh. */
  declare refreshMargin: number;
  /** `eager` | `visible` | `interaction`: when the loader starts. */
  declare loading: LoadingStrategy;
  /** Disables the widget; a disabled widget submits no value and guards nothing. */
  declare disabled: boolean;
  /** Loader URL; defaults to CaptchaLa's CDN. */
  declare loaderSrc: string | undefined;

  readonly #internals: ElementInternals;
  readonly #snapshot = new SnapshotController(this);
  readonly #container: HTMLDivElement;
  #controller: CaptchalaController | undefined;
  #stopTrigger: (() => void) | undefined;
  #guard: SubmitGuard | undefined;
  #buttonObserver: MutationObserver | undefined;
  #formDisabled = false;
  #wantsStart = false;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.#container = document.createElement('div');
    this.#container.dataset['captchalaContainer'] = '';
    this.appKey = '';
    this.action = 'default';
    this.product = 'popup';
    this.lang = '';
    this.name = 'captchala_token';
    this.tokenTtl = 120;
    this.refreshMargin = 10;
    this.loading = LoadingStrategy.Eager;
    this.disabled = false;
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
   * Rejects with a `CaptchalaError` (`aborted`, `challenge_timeout`, `challenge_closed`, …).
   */
  getToken(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string> {
    const controller = this.#start();
    if (!controller) return Promise.reject(this.#snapshot.value.error);
    return controller.getToken(options);
  }

  /** Destroys and re-initialises the SDK (with a fresh server token when a provider or URL is set). */
  async reset(): Promise<void> {
    this.#setFormValue('');
    await this.#controller?.reset();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#container.isConnected) this.append(this.#container);
    this.#neutraliseSdkButtons();
    this.#guard = new SubmitGuard({
      host: this,
      form: () => (this.disabled || this.#formDisabled ? null : this.#internals.form),
      container: this.#container,
      takeFreshToken: () => this.#controller?.takeFreshToken() ?? null,
      getToken: () => this.getToken(),
      onToken: (token) => this.#setFormValue(token),
      onSubmitted: () => this.#setFormValue(''),
    });
    window.addEventListener('pageshow', this.#onPageShow);
    // After the first update, so properties a framework sets right after insertion are in place.
    this.updateComplete.then(() => {
      if (!this.isConnected || this.#stopTrigger) return;
      this.#stopTrigger = loadingTrigger({
        strategy: this.loading,
        host: this,
        form: () => this.#internals.form,
        start: () => this.#start(),
      });
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pageshow', this.#onPageShow);
    this.#stopTrigger?.();
    this.#stopTrigger = undefined;
    this.#wantsStart = false;
    this.#guard?.dispose();
    this.#buttonObserver?.disconnect();
    this.#teardown();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.size === 0) return;
    if (!this.#controller) {
      // Bad config was reported; a fix (say, app-key set later) starts it now.
      if (this.#wantsStart) this.#start();
      return;
    }
    const config = this.#config();
    if (config instanceof CaptchalaError) {
      this.#teardown();
      this.#reportError(config);
      return;
    }
    this.#controller.update(config);
    // A re-init for new settings drops the held token: so does the form.
    if (!this.#controller.getSnapshot().token) this.#setFormValue('');
  }

  /** Form control callbacks. */
  formResetCallback(): void {
    this.#controller?.discardToken();
    this.#setFormValue('');
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
  }

  override render() {
    const language = resolveUiLanguage({ lang: this.#lang(), preferred: navigator.languages });
    const error = this.#snapshot.value.error;
    const text =
      this.#snapshot.value.status === CaptchalaStatus.Error && error
        ? `${statusText({ status: this.#snapshot.value.status, language })} (${error.code})`
        : statusText({ status: this.#snapshot.value.status, language });
    return html`<div part="base"><slot></slot></div>
      <div part="status" role="status" aria-live="polite">${text}</div>`;
  }

  #config() {
    const appKey = this.appKey?.trim();
    if (!appKey) {
      return new CaptchalaError({
        code: 'missing_app_key',
        message: '<captchala-widget> needs an app-key attribute: <captchala-widget app-key="your-app-key">.',
      });
    }
    if (!isProduct(this.product)) {
      return new CaptchalaError({
        code: 'invalid_product',
        message: `product="${this.product}" is not a CaptchaLa product: use popup, float, embed or bind.`,
      });
    }
    let theme: Theme | undefined;
    try {
      theme = typeof this.theme === 'string' ? parseTheme({ value: this.theme }) : this.theme;
    } catch (error) {
      return error as CaptchalaError;
    }
    return {
      appKey,
      action: this.action || 'default',
      product: this.product,
      lang: this.#lang() || undefined,
      theme,
      serverToken: this.serverToken || undefined,
      serverTokenUrl: this.serverTokenUrl || undefined,
      serverTokenProvider: this.serverTokenProvider,
      tokenTtl: this.tokenTtl,
      refreshMargin: this.refreshMargin,
      // The native `nonce` property: it keeps the value after the browser hides the attribute.
      loader: { src: this.loaderSrc || undefined, nonce: this.nonce || undefined },
    };
  }

  /** The widget's `lang`, else the nearest ancestor's (the page's): the SDK and the status line agree. */
  #lang(): string {
    return this.lang || this.parentElement?.closest('[lang]')?.getAttribute('lang') || '';
  }

  /** Creates and mounts the controller on first need; returns it, or undefined after reporting bad config. */
  #start(): CaptchalaController | undefined {
    if (this.#controller) return this.#controller;
    this.#wantsStart = true;
    const config = this.#config();
    if (config instanceof CaptchalaError) {
      this.#reportError(config);
      return undefined;
    }
    const controller = createCaptchalaController({
      ...config,
      on: {
        ready: () => this.dispatchEvent(new CaptchalaReadyEvent()),
        success: (detail) => {
          this.#setFormValue(detail.token);
          this.dispatchEvent(new CaptchalaSuccessEvent(detail));
        },
        expired: () => {
          this.#setFormValue('');
          this.dispatchEvent(new CaptchalaExpiredEvent());
        },
        error: (error) => this.#reportError(error),
        close: () => this.dispatchEvent(new CaptchalaCloseEvent()),
        status: (status) => this.dispatchEvent(new CaptchalaStatusEvent({ status })),
      },
    });
    this.#controller = controller;
    this.#snapshot.track(controller);
    controller.mount({ container: this.#container }).catch(() => {
      // Reported through `on.error`; the promise only tells the caller when mounting settled.
    });
    return controller;
  }

  #teardown(): void {
    this.#snapshot.track(null);
    this.#controller?.destroy();
    this.#controller = undefined;
    this.#setFormValue('');
  }

  #setFormValue(token: string): void {
    this.#internals.setFormValue(token || null);
  }

  #reportError(error: CaptchalaError): void {
    if (!this.#controller)
      this.#snapshot.show({ ...this.#snapshot.value, status: CaptchalaStatus.Error, error });
    console.error(`[captchala-widget] ${error.message} (${error.code})`);
    this.dispatchEvent(
      new CaptchalaErrorEvent({ code: error.code, message: error.message, refreshable: error.refreshable }),
    );
  }

  /** SDK buttons may lack `type` (contract §2): inside a form they would submit it. */
  #neutraliseSdkButtons(): void {
    const fix = () => {
      for (const button of this.#container.querySelectorAll('button:not([type])')) {
        button.setAttribute('type', 'button');
      }
    };
    this.#buttonObserver ??= new MutationObserver(fix);
    this.#buttonObserver.observe(this.#container, { childList: true, subtree: true });
    fix();
  }

  /** A page restored from the back/forward cache must never resubmit the token it had. */
  readonly #onPageShow = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    this.#controller?.discardToken();
    this.#setFormValue('');
  };
}
