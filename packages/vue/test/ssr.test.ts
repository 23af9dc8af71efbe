import { describe, expect, test } from 'vitest';

const g = globalThis as Record<string, unknown>;

describe('server rendering in Node', () => {
  test('no window at import or render; attributes in the markup, no property, model, listener or child', async () => {
    expect([g['window'], g['document']]).toEqual([undefined, undefined]);
    const { renderToString } = await import('vue/server-renderer');
    const { loginApp } = await import('./fixtures/loginApp');
    const html = await renderToString(loginApp());
    expect([g['window'], g['document']]).toEqual([undefined, undefined]);
    const widget = html.match(/<captchala-widget ([^>]*)><\/captchala-widget>/);
    expect(widget).not.toBeNull();
    const attributes = Object.fromEntries(
      [...widget![1]!.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [name, value ?? true]),
    );
    expect(attributes).toEqual({
      'app-key': 'test_pass',
      action: 'login',
      product: 'embed',
      lang: 'ja',
      theme: '{&quot;custom&quot;:{&quot;color&quot;:&quot;#0055ff&quot;}}',
      name: 'login_token',
      'token-ttl': '60',
      'refresh-margin': '5',
      'loader-src': '/__captchala/captchala-loader.js',
      class: 'captcha',
    });
    // What hydration.browser.test.ts hydrates in Chromium.
    await expect(html).toMatchFileSnapshot('./__snapshots__/loginApp.html');
  });
});
