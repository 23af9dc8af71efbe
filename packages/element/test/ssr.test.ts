import net from 'node:net';
import { describe, expect, test, vi } from 'vitest';

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

  test('the class and its option parsing need no DOM', async () => {
    const { CaptchalaWidget, CaptchalaError } = await import('@captchala-kit/element');
    const { parseWidgetOptions } = await import('../src/options');
    expect(CaptchalaWidget.tagName).toBe('captchala-widget');
    expect(CaptchalaWidget.formAssociated).toBe(true);
    expect(parseWidgetOptions({ appKey: '' })).toBeInstanceOf(CaptchalaError);
  });

  test('inert on the server: importing, constructing and setting options start no timer, request, DOM or global', async () => {
    // A fresh evaluation of the kit's modules (Lit, loaded by the tests above, keeps its server shims).
    vi.resetModules();
    const globals = new Set(Reflect.ownKeys(globalThis));
    const registry = g['customElements'] as CustomElementRegistry;
    const calls = [
      vi.spyOn(registry, 'define'),
      vi.spyOn(globalThis, 'fetch'),
      vi.spyOn(net.Socket.prototype, 'connect'),
      vi.spyOn(globalThis, 'setTimeout'),
      vi.spyOn(globalThis, 'setInterval'),
      vi.spyOn(globalThis, 'queueMicrotask'),
    ];
    const { CaptchalaWidget } = await import('@captchala-kit/element');
    // Constructing needs a `document` (what a server-side DOM shim gives): this one records every use but
    // createElement, whose nodes stay detached.
    const used: string[] = [];
    const node = (tag: string): object =>
      new Proxy({ localName: tag, dataset: {} } as Record<PropertyKey, unknown>, {
        get: (target, key) =>
          key in target || typeof key === 'symbol' ? target[key] : () => void used.push(`<${tag}>.${key}`),
      });
    g['document'] = new Proxy(
      {},
      { get: (_, key) => (key === 'createElement' ? node : void used.push(`document.${String(key)}`)) },
    );
    try {
      const widget = new CaptchalaWidget();
      Object.assign(widget, {
        appKey: 'test_pass',
        product: 'embed',
        serverTokenUrl: '/captchala/server-token',
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(widget.status).toBe('idle');
      expect(used).toEqual([]);
    } finally {
      delete g['document'];
      vi.restoreAllMocks();
    }
    for (const call of calls) expect(call, call.getMockName()).not.toHaveBeenCalled();
    expect(g['window']).toBeUndefined();
    expect(Reflect.ownKeys(globalThis).filter((key) => !globals.has(key))).toEqual([]);
  });
});
