import { CaptchalaError, type Theme } from '@captchala-kit/core';

export interface ParseThemeOptions {
  /** The `theme` attribute: a preset name (`dark`, `stereoscopic`) or a JSON object. */
  value: string | null;
}

/** Reads the `theme` attribute. Malformed JSON is an `invalid_theme` error naming the problem. */
export function parseTheme(options: ParseThemeOptions): Theme | undefined {
  const value = options.value?.trim();
  if (!value) return undefined;
  if (!value.startsWith('{')) return value;
  try {
    return JSON.parse(value) as Theme;
  } catch (cause) {
    throw new CaptchalaError({
      code: 'invalid_theme',
      message: `theme="${value}" is not valid JSON: use a preset name ("dark", "stereoscopic") or an object like {"custom":{"color":"#4f46e5"}}.`,
      cause,
    });
  }
}
