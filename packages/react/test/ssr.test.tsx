import { readFile } from 'node:fs/promises';
import { renderToString } from 'react-dom/server';
import { describe, expect, test } from 'vitest';

describe('server rendering in Node', () => {
  test('imports and renders with no window; the markup carries the attributes and no children', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { customElements?: unknown }).customElements).toBe('undefined');
    const { SignupPage } = await import('./fixtures/SignupPage');
    const html = renderToString(<SignupPage />);
    expect(html).toContain(
      '<captchala-widget app-key="test_pass" action="signup" product="embed" theme="{&quot;custom&quot;:{&quot;color&quot;:&quot;#0a7d55&quot;}}" token-ttl="120" class="captcha" loader-src="/__captchala/captchala-loader.js"></captchala-widget>',
    );
    expect(html).toContain('<p data-testid="status">idle</p>');
    // What hydration.browser.test.tsx hydrates in Chromium (React 19, as this project runs).
    await expect(html).toMatchFileSnapshot('./__snapshots__/SignupPage.react19.html');
  });

  test("the entry starts with 'use client' (Next.js): keep it in the built file", async () => {
    const entry = await readFile(new URL('../src/index.ts', import.meta.url), 'utf8');
    expect(entry.startsWith("'use client';\n")).toBe(true);
  });
});
