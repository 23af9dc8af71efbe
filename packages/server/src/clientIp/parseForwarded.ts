/** RFC 7230 `tchar`: what an unquoted token may contain. */
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * The hops of an `X-Forwarded-For` value from the right (the latest proxy's peer first), trimmed; an empty or
 * absent header has none.
 */
export function* xForwardedForFromRight(value: string): Generator<string> {
  if (value.trim() === '') return;
  const entries = value.split(',');
  for (let i = entries.length - 1; i >= 0; i--) yield (entries[i] ?? '').trim();
}

/**
 * The `for=` value of each element of an RFC 7239 `Forwarded` value, from the right (the latest proxy's element
 * first; `''` for an element without one). Read lazily, and stopped by the caller at the first untrusted hop: the
 * part a client wrote sits to the left of what the proxies appended, so it is never parsed and cannot spoil
 * their part (read from the left, a client's unterminated quote would swallow it). An element that does not
 * parse yields null and ends the list.
 */
export function* forwardedFromRight(value: string): Generator<string | null> {
  let i = value.length - 1;
  const skipSpace = () => {
    while (value[i] === ' ' || value[i] === '\t') i--;
  };
  const tokenBefore = () => {
    const end = i;
    while (i >= 0 && TCHAR.test(value[i] ?? '')) i--;
    return value.slice(i + 1, end + 1);
  };
  /** The quoted string ending at `i`: its opening quote is the first one to the left that no backslash escapes. */
  const quotedBefore = (): string | null => {
    for (let open = i - 1; open >= 0; open--) {
      if (value[open] !== '"') continue;
      let slashes = 0;
      while (value[open - 1 - slashes] === '\\') slashes++;
      if (slashes % 2 !== 0) continue;
      const content = value.slice(open + 1, i).replace(/\\(.)/g, '$1');
      i = open - 1;
      return content;
    }
    return null;
  };
  /** One element, read leftwards up to its `,` or the start: its `for=` value, or null when it does not parse. */
  const element = (): string | null => {
    let forValue: string | undefined;
    for (;;) {
      skipSpace();
      const pairValue = value[i] === '"' ? quotedBefore() : tokenBefore() || null;
      if (pairValue === null || value[i] !== '=') return null;
      i--;
      const name = tokenBefore().toLowerCase();
      if (!name) return null;
      if (name === 'for') {
        // RFC 7239 §4: a parameter occurs at most once per element.
        if (forValue !== undefined) return null;
        forValue = pairValue;
      }
      skipSpace();
      if (value[i] !== ';') return forValue ?? '';
      i--;
    }
  };
  if (value.trim() === '') return;
  for (;;) {
    const forValue = element();
    if (forValue === null || (i >= 0 && value[i] !== ',')) {
      yield null;
      return;
    }
    yield forValue;
    if (i < 0) return;
    i--;
  }
}
