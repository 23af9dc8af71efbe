// Markup injected into a page whose CSP is strict (`script-src 'nonce-…' 'strict-dynamic'`) but has no `base-uri`,
// as most have none: a `<base href>` to the attacker's origin and a widget whose loader-src points there. Were the
// page's origin read from document.baseURI, the kit would take the loader for the page's own, hand it the page's
// nonce, and 'strict-dynamic' would run it. Its own file: nothing here allows the cross-origin stand-in.
import { afterEach, describe, expect, inject, test } from 'vitest';

/** Another origin, serving a loader that sets `window.__captchalaFake` and `window.loadCaptchala` if it ever runs. */
const evil = inject('captchalaUrl');
const NONCE = 'r4nd0m';
/** The element as the page's own bundle loads it (Vite serves the source; its imports inherit the nonce). */
const define = new URL('../src/define.ts', import.meta.url).href;

interface RecordedEvent {
  type: string;
  code?: string;
}

interface InjectedPage {
  doc: Document;
  win: Window & { captchalaEvents?: RecordedEvent[]; __captchalaFake?: unknown; loadCaptchala?: unknown };
}

/**
 * A real document with that CSP (an iframe, same origin), `injected` in its body as a stored comment would be, and
 * the page's own nonce'd module, which records the widget's events (from before the widget exists) and loads it.
 */
async function injectedPage(injected: string): Promise<InjectedPage> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html><head>
    <meta http-equiv="Content-Security-Policy" content="script-src 'nonce-${NONCE}' 'strict-dynamic'; object-src 'none'">
    </head><body>
    <article class="comment">${injected}</article>
    <script type="module" nonce="${NONCE}">
      window.captchalaEvents = [];
      for (const type of ['captchala-error', 'captchala-ready']) {
        document.addEventListener(type, (event) => window.captchalaEvents.push({ type, code: event.detail?.code }));
      }
      await import(${JSON.stringify(define)});
    </script>
    </body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return { doc: frame.contentDocument!, win: frame.contentWindow as InjectedPage['win'] };
}

afterEach(() => {
  for (const frame of document.querySelectorAll('iframe')) frame.remove();
});

describe('an injected <base href> and <captchala-widget loader-src> on a strict-CSP page without base-uri', () => {
  test.each([
    ['an absolute loader-src on the base’s origin', `${evil}/captchala-loader.js`],
    ['a relative loader-src, which the base would resolve there', 'captchala-loader.js'],
  ])(
    '%s: captchala-error loader_src_not_allowed, no script tag, nothing from that origin runs',
    async (_name, loaderSrc) => {
      const { doc, win } = await injectedPage(
        `<base href="${evil}/"><captchala-widget app-key="test_pass" loader-src="${loaderSrc}"></captchala-widget>`,
      );
      expect(doc.baseURI).toBe(`${evil}/`); // the injection took: relative URLs in this page now resolve there
      // What the widget said first: had the loader run, this would be captchala-ready.
      await expect
        .poll(() => win.captchalaEvents?.[0], { timeout: 10_000 })
        .toEqual({
          type: 'captchala-error',
          code: 'loader_src_not_allowed',
        });
      expect(doc.querySelectorAll('script[src]')).toHaveLength(0);
      expect(win.__captchalaFake).toBeUndefined();
      expect(win.loadCaptchala).toBeUndefined();
    },
  );
});
