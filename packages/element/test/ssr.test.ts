import { describe, expect, test } from 'vitest';

const g = globalThis as Record<string, unknown>;

describe('importing in Node (SSR)', () => {
  test('neither entry touches or creates window or document; /define registers only into what exists', async () => {
    expect([g['window'], g['document']]).toEqual([undefined, undefined]);
    const element = await import('@captchala-kit/element');
    const define = await import('@captchala-kit/element/define');
    expect([g['window'], g['document']]).toEqual([undefined, undefined]);
    expect(define.CaptchalaWidget).toBe(element.CaptchalaWidget);
    // Lit's Node build provides a server-side customElements (for Lit SSR): the tag lands there, harmlessly.
    expect((g['customElements'] as CustomElementRegistry | undefined)?.get('captchala-widget')).toBe(
      element.CaptchalaWidget,
    );
  });

  test('where no registry exists at all, defineCaptchalaWidget() is a no-op', async () => {
    const { defineCaptchalaWidget } = await import('@captchala-kit/element');
    const shim = g['customElements'];
    delete g['customElements'];
    try {
      expect(defineCaptchalaWidget()).toBeUndefined();
    } finally {
      g['customElements'] = shim;
    }
  });

  test('a registry can still be given explicitly (what a server-side DOM shim would pass)', async () => {
    const { defineCaptchalaWidget, CaptchalaWidget } = await import('@captchala-kit/element');
    const defined = new Map<string, unknown>();
    const registry = {
      get: (name: string) => defined.get(name) as CustomElementConstructor | undefined,
      define: (name: string, element: CustomElementConstructor) => void defined.set(name, element),
    };
    expect(defineCaptchalaWidget(registry)).toBe(CaptchalaWidget);
    expect(defined.get('captchala-widget')).toBe(CaptchalaWidget);
  });

  test('the class is inert until a browser constructs it: options parse in core without a DOM', async () => {
    const { CaptchalaWidget, CaptchalaError } = await import('@captchala-kit/element');
    const { parseWidgetOptions } = await import('@captchala-kit/core');
    expect(CaptchalaWidget.tagName).toBe('captchala-widget');
    expect(CaptchalaWidget.formAssociated).toBe(true);
    expect(parseWidgetOptions({ appKey: '' })).toBeInstanceOf(CaptchalaError);
  });
});
