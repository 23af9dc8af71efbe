/** A `~tag` gives this page load its own stand-in counters: pages and specs side by side share none. */
export const isolated = (key: string) => `${key}~${Math.random().toString(36).slice(2, 10)}`;
