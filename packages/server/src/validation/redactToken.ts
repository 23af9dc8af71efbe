const PREFIX = /^[a-z]{1,12}_/;

/**
 * What may be logged of a token: its prefix and a few characters, never enough to replay it
 * (`pt_3f9a1c…`). Shows at most a quarter of what follows the prefix, so short values stay hidden too;
 * anything outside printable ASCII becomes `?`, so a token cannot forge log lines.
 */
export function redactToken(token: unknown): string {
  if (typeof token !== 'string') return `<${token === null ? 'null' : typeof token}>`;
  if (token === '') return '';
  const prefix = PREFIX.exec(token)?.[0] ?? '';
  const rest = token.slice(prefix.length);
  const shown = rest.slice(0, Math.min(6, Math.floor(rest.length / 4)));
  return `${prefix}${shown}…`.replace(/[^\x20-\x7e…]/g, '?');
}
