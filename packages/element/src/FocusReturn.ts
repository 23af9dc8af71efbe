/** The focused element, looking into shadow roots. */
function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * Gives focus back where the user was when a challenge started, after it ends (solved, closed or failed),
 * whatever the SDK did with focus meanwhile: keyboard users never land on `<body>`.
 */
export class FocusReturn {
  readonly #container: HTMLElement;
  #origin: HTMLElement | null = null;

  constructor(container: HTMLElement) {
    this.#container = container;
  }

  /** Remembers what has focus now, or the control the user just pressed (`target` of a pointer event). */
  remember(target?: EventTarget | null): void {
    const pressed = target instanceof Element ? target.closest<HTMLElement>(FOCUSABLE) : null;
    const active = deepActiveElement(this.#container.ownerDocument);
    const candidate = pressed ?? (active !== active?.ownerDocument.body ? active : null);
    if (candidate instanceof HTMLElement) this.#origin = candidate;
  }

  /** After the SDK settled its DOM: focus the remembered element, or the widget's first control, if focus was lost. */
  restore(): void {
    const origin = this.#origin;
    this.#origin = null;
    if (!origin) return;
    setTimeout(() => {
      const doc = this.#container.ownerDocument;
      const active = deepActiveElement(doc);
      const lost = !active || active === doc.body || active === doc.documentElement || !active.isConnected;
      if (!lost) return;
      const target = origin.isConnected ? origin : this.#container.querySelector<HTMLElement>(FOCUSABLE);
      target?.focus();
    });
  }
}
