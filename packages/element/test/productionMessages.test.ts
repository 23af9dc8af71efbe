import { describe, expect, test, vi } from 'vitest';

// What the production build does: `DEV` is false, so the long messages are dropped.
vi.mock('../src/DEV', () => ({ DEV: false }));

const { defineCaptchalaWidget } = await import('../src/defineCaptchalaWidget');

describe('production messages', () => {
  test('tag_conflict: the code, who owns the tag, and the docs link', () => {
    const registry = {
      get: () =>
        Object.assign(function Other() {}, { version: '9.9.9' }) as unknown as CustomElementConstructor,
      define: () => {},
    };
    expect(() => defineCaptchalaWidget(registry)).toThrow(
      'CaptchaLa tag_conflict (@captchala-kit/element 9.9.9): see https://captchala-kit.dev/reference/errors.html#tag_conflict',
    );
  });
});
