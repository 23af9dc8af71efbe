import { CaptchalaError, type Theme } from '@captchala-kit/core';
import { DEV } from './DEV';

/**
 * Reads a theme: a preset name (`dark`, `stereoscopic`), a JSON object string, or an object. Malformed JSON, or
 * JSON that is not an object, is an `invalid_theme` error naming the problem.
 */
export function parseTheme(value: Theme | string | null | undefined): Theme | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object') return checkObject(value, JSON.stringify(value));
  const text = value.trim();
  if (!text) return undefined;
  if (!text.startsWith('{')) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw invalid(DEV ? `theme='${text}' is not valid JSON` : '', cause);
  }
  return checkObject(parsed, text);
}

function checkObject(value: unknown, text: string): Theme {
  const custom = (value as { custom?: unknown } | null)?.custom;
  if (!value || Array.isArray(value) || (custom !== undefined && (typeof custom !== 'object' || !custom))) {
    throw invalid(DEV ? `theme='${text}' is not a theme object` : '');
  }
  return value as Theme;
}

function invalid(problem: string, cause?: unknown): CaptchalaError {
  return new CaptchalaError({
    code: 'invalid_theme',
    message: DEV
      ? `${problem}: use a preset name ("dark", "stereoscopic") or an object like {"custom":{"color":"#4f46e5"}}.`
      : '',
    cause,
  });
}
