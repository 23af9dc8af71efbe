/** RFC 7230 `tchar`: what an unquoted token may contain. */
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * The hops of an `X-Forwarded-For` value, left (the client, as the first proxy saw it) to right (the latest
 * proxy's peer), trimmed; an empty or absent header has none.
 */
export function parseXForwardedFor(value: string): string[] {
  return value.trim() === '' ? [] : value.split(',').map((entry) => entry.trim());
}

/**
 * The `for=` value of each element of an RFC 7239 `Forwarded` value, left to right (`''` for an element without
 * one); quoted strings may hold commas, semicolons and escapes. Returns null when the value does not parse:
 * a client can send a broken fragment (an unterminated quote) that swallows what the proxies append after it,
 * so a partial parse could hand a spoofed hop to the caller.
 */
export function parseForwarded(value: string): string[] | null {
  const elements: string[] = [];
  if (value.trim() === '') return elements;
  let i = 0;
  let forValue: string | undefined;
  const skipSpace = () => {
    while (value[i] === ' ' || value[i] === '\t') i++;
  };
  const token = () => {
    const start = i;
    while (i < value.length && TCHAR.test(value[i] ?? '')) i++;
    return value.slice(start, i);
  };
  for (;;) {
    skipSpace();
    const name = token().toLowerCase();
    if (!name || value[i] !== '=') return null;
    i++;
    let pairValue = '';
    if (value[i] === '"') {
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === '\\') i++;
        pairValue += value[i] ?? '';
        i++;
      }
      if (value[i] !== '"') return null;
      i++;
    } else {
      pairValue = token();
      if (!pairValue) return null;
    }
    if (name === 'for') {
      // RFC 7239 §4: a parameter occurs at most once per element.
      if (forValue !== undefined) return null;
      forValue = pairValue;
    }
    skipSpace();
    const separator = value[i];
    i++;
    if (separator === ';') continue;
    if (separator !== ',' && separator !== undefined) return null;
    elements.push(forValue ?? '');
    forValue = undefined;
    if (separator === undefined) return elements;
  }
}
