/** The focused element, looking into shadow roots. */
function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

export interface FocusReturnOptions {
  /** Where the SDK renders: its trigger, and maybe its challenge UI. */
  container: HTMLElement;
  /** The widget: focus lands on it when nothing better is left, never on `<body>`. */
  host: HTMLElement;
}

/**
 * Gives focus back where the user was when a challenge started, after it ends (solved, closed or failed),
 * whatever the SDK did with focus meanwhile: keyboard users never land on `<body>`. The origin is what started
 * the challenge: the focused control outside the widget (the submitter), or the SDK control pressed to start
 * it. Once remembered, it is kept until the challenge ends: later presses in the container are on the challenge
 * UI itself (which the SDK removes when it ends), and never replace it.
 */
export class FocusReturn {
  readonly #container: HTMLElement;
  readonly #host: HTMLElement;
  #origin: HTMLElement | null = null;
  /** A challenge started and has not ended. */
  #underway = false;

  constructor(options: FocusReturnOptions) {
    this.#container = options.container;
    this.#host = options.host;
  }

  /** A pointer or key press in the SDK's container: the SDK's own control may start a challenge from it. */
  pressed(target: EventTarget | null): void {
    if (this.#origin?.isConnected) return;
    // A click does not focus a button in Safari: the pressed control, not the focused one.
    this.#origin = target instanceof Element ? target.closest<HTMLElement>(FOCUSABLE) : null;
  }

  /** A challenge starts: a control focused outside the widget (the submitter) started it. */
  start(): void {
    if (this.#underway) return;
    this.#underway = true;
    const active = deepActiveElement(this.#container.ownerDocument);
    if (!(active instanceof HTMLElement) || active === active.ownerDocument.body) return;
    if (!this.#container.contains(active) || !this.#origin) this.#origin = active;
  }

  /**
   * The challenge ended: once the SDK settled its DOM, if focus was lost, focus the origin, or (when the SDK
   * removed it) the widget's first control, or the widget itself.
   */
  restore(): void {
    const origin = this.#origin;
    if (!origin && !this.#underway) return; // no challenge: an error while idle moves no focus
    this.#origin = null;
    this.#underway = false;
    setTimeout(() => {
      const doc = this.#container.ownerDocument;
      const active = deepActiveElement(doc);
      const lost = !active || active === doc.body || active === doc.documentElement || !active.isConnected;
      if (!lost || !this.#host.isConnected) return;
      const target = origin?.isConnected ? origin : this.#container.querySelector<HTMLElement>(FOCUSABLE);
      if (target) target.focus();
      else this.#focusHost();
    });
  }

  /** Focus on the widget itself, reachable by script only while it holds focus (it is no tab stop). */
  #focusHost(): void {
    const host = this.#host;
    if (!host.hasAttribute('tabindex')) {
      host.setAttribute('tabindex', '-1');
      host.addEventListener('blur', () => host.removeAttribute('tabindex'), { once: true });
    }
    host.focus();
  }
}
