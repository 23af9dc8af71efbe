/** The next `type` event on `target`. */
export function nextEvent<K extends keyof HTMLElementEventMap>(
  target: HTMLElement,
  type: K,
): Promise<HTMLElementEventMap[K]> {
  return new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));
}
