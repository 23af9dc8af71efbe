import { beforeEach, describe, expect, inject, test } from 'vitest';
import { createCaptchalaController, loadCaptchala } from '../src/index';
import { browserLoaderPlatform } from '../src/loaderPlatform';

const base = inject('captchalaUrl');
const src = `${base}/captchala-loader.js`;

async function inspect() {
  return (await fetch(`${base}/__control/inspect`)).json();
}

/**
 * A same-origin iframe whose page enforces a nonce-based CSP (and has one nonce'd script of its own).
 * With 'strict-dynamic' any script inserted by script is admitted; without it only the nonce admits one.
 */
async function strictCspFrame(nonce: string, options: { strictDynamic: boolean }): Promise<Document> {
  const frame = document.createElement('iframe');
  const policy = `script-src 'nonce-${nonce}'${options.strictDynamic ? " 'strict-dynamic'" : ''}; object-src 'none'`;
  frame.srcdoc = `<!doctype html><html><head>
    <meta http-equiv="Content-Security-Policy" content="${policy}">
    <script nonce="${nonce}">window.pageScriptRan = true;</script>
    </head><body><div id="c"></div></body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentDocument!;
}

beforeEach(async () => {
  await fetch(`${base}/__control/reset`, { method: 'POST', body: '{}' });
});

describe('loadCaptchala in real Chromium against the stand-in', () => {
  test('many widgets, concurrent and later loads: one loader request, one SDK request', async () => {
    const containers = Array.from({ length: 10 }, () =>
      document.body.appendChild(document.createElement('div')),
    );
    const controllers = containers.map(() =>
      createCaptchalaController({ appKey: 'test_pass', product: 'embed', loader: { src } }),
    );
    await Promise.all(controllers.map((controller, i) => controller.mount({ container: containers[i]! })));
    await Promise.all(Array.from({ length: 20 }, () => loadCaptchala({ src })));
    const state = await inspect();
    expect(state.fileRequests['/captchala-loader.js']).toBe(1);
    expect(state.fileRequests['/captchala.js']).toBe(1);
    expect(document.querySelectorAll(`script[src="${src}"]`)).toHaveLength(1);
    for (const controller of controllers) controller.destroy();
  });

  test.each([true, false])(
    'strict CSP (strict-dynamic: %s): the detected nonce is set on the tag, the loader and SDK run',
    async (strictDynamic) => {
      const doc = await strictCspFrame('r4nd0m', { strictDynamic });
      const sdk = await loadCaptchala({ src, platform: browserLoaderPlatform(doc) });
      expect(typeof sdk.init).toBe('function');
      const tag = doc.querySelector<HTMLScriptElement>(`script[src="${src}"]`)!;
      expect(tag.nonce).toBe('r4nd0m');
      expect((doc.defaultView as unknown as { Captchala: unknown }).Captchala).toBe(sdk);
    },
  );

  test('nonce CSP with the wrong nonce: loader_blocked_csp naming the directive, no tag left', async () => {
    const doc = await strictCspFrame('right', { strictDynamic: false });
    const error = await loadCaptchala({
      src,
      nonce: 'wrong',
      retries: 0,
      platform: browserLoaderPlatform(doc),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'loader_blocked_csp' });
    expect((error as Error).message).toMatch(/script-src/);
    expect(doc.querySelector(`script[src="${src}"]`)).toBeNull();
  });

  test('Trusted Types enforced: the loader URL goes through the captchala-kit policy', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html><head>
      <meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'; trusted-types captchala-kit captchala-fake">
      </head><body></body></html>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const doc = frame.contentDocument!;
    // Without a policy, assigning a plain string to script.src is refused: the page really enforces them.
    expect(() => {
      doc.createElement('script').src = src;
    }).toThrow(/TrustedScriptURL/);
    const sdk = await loadCaptchala({ src, platform: browserLoaderPlatform(doc) });
    expect(typeof sdk.init).toBe('function');
    expect(doc.querySelector(`script[src="${src}"]`)).not.toBeNull();
  });

  test('a loader that 404s: loader_network_error after bounded retries, and no tag left behind', async () => {
    const missing = `${base}/nope/captchala-loader.js`;
    const frame = document.body.appendChild(document.createElement('iframe'));
    const doc = frame.contentDocument!;
    const error = await loadCaptchala({
      src: missing,
      retries: 1,
      retryDelayMs: 10,
      platform: browserLoaderPlatform(doc),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'loader_network_error' });
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });
});
