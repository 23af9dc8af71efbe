import { describe, expect, test } from 'vitest';

describe('importing in Node (SSR)', () => {
  test('neither entry touches window or HTMLElement, and define is a no-op without customElements', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const element = await import('@captchala-kit/element');
    const define = await import('@captchala-kit/element/define');
    expect(element.CaptchalaWidget.tagName).toBe('captchala-widget');
    expect(define.CaptchalaWidget).toBe(element.CaptchalaWidget);
  });
});
