/** The language that applies to an element: its own `lang`, else the closest ancestor's, across shadow roots. */
export function effectiveLang(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang !== null) return lang.trim();
    node =
      node.parentElement ?? ((node.getRootNode() as Partial<ShadowRoot>).host as Element | undefined) ?? null;
  }
  return '';
}

interface Watch {
  observer: MutationObserver;
  listeners: Set<() => void>;
}

/** One observer per document or shadow root, however many widgets listen. */
const watches = new WeakMap<Node, Watch>();

function watch(target: Node, listener: () => void): () => void {
  let entry = watches.get(target);
  if (!entry) {
    const listeners = new Set<() => void>();
    const observer = new MutationObserver(() => {
      for (const notify of [...listeners]) notify();
    });
    observer.observe(target, { subtree: true, attributes: true, attributeFilter: ['lang'] });
    entry = { observer, listeners };
    watches.set(target, entry);
  }
  entry.listeners.add(listener);
  const current = entry;
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size > 0) return;
    current.observer.disconnect();
    watches.delete(target);
  };
}

/**
 * Calls `listener` whenever a `lang` attribute changes on the element or anything above it (the page's language
 * followed live). Returns the function that stops it.
 */
export function observeLang(element: Element, listener: () => void): () => void {
  const stops = [watch(element.ownerDocument.documentElement, listener)];
  const root = element.getRootNode();
  if (root !== element.ownerDocument) stops.push(watch(root, listener));
  return () => {
    for (const stop of stops) stop();
  };
}
