import { version } from 'react';
import { renderToString, version as serverVersion } from 'react-dom/server';
import { afterEach, describe, expect, test, vi } from 'vitest';

/** The React major this run uses: the `unit` project runs React 19, `unit-react18` React 18 (vite.config.ts). */
const reactMajor = Number(version.split('.')[0]);

afterEach(() => {
  vi.restoreAllMocks();
});

describe(`server rendering in Node (React ${reactMajor})`, () => {
  test('the project runs the React it names, and one React: the server renderer and the hooks are the same release', ({
    task,
  }) => {
    expect(reactMajor).toBe(task.file.projectName === 'unit-react18' ? 18 : 19);
    expect(serverVersion).toBe(version);
  });

  test('imports and renders with no window and no warning; the markup carries the attributes and no children', async () => {
    const consoleError = vi.spyOn(console, 'error');
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { customElements?: unknown }).customElements).toBe('undefined');
    const { SignupPage } = await import('./fixtures/SignupPage');
    const html = renderToString(<SignupPage />);
    expect(html).toContain(
      '<captchala-widget app-key="test_pass" action="signup" product="embed" theme="{&quot;custom&quot;:{&quot;color&quot;:&quot;#0a7d55&quot;}}" token-ttl="120" class="captcha" loader-src="/__captchala/captchala-loader.js"></captchala-widget>',
    );
    expect(html).toContain('<p data-testid="status">idle</p>');
    expect(consoleError).not.toHaveBeenCalled(); // React 18 warns of a layout effect rendered on the server
    // What hydration.browser.test.tsx hydrates in Chromium, with the same React major.
    await expect(html).toMatchFileSnapshot(`./__snapshots__/SignupPage.react${reactMajor}.html`);
  });
});
