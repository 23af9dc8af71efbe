import '@captchala-kit/element/define';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import * as element from '../src/index';
import { CaptchalaError, CaptchalaWidget, defineCaptchalaWidget } from '../src/index';
import { events, fake, loaderSrc, next, render, standIn, status } from './helpers';

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

const widgetIn = (attrs: string) =>
  render(
    `<form><captchala-widget loader-src="${loaderSrc}" ${attrs}></captchala-widget><button name="go">Go</button></form>`,
  );

describe('snapshot and captchala-change: what wrappers stand on', () => {
  test('one immutable snapshot per change, the same object while nothing changes, one event each', async () => {
    const { widget } = widgetIn('app-key="test_pass" product="embed"');
    const log = events(widget, 'captchala-change');
    const seen = [widget.snapshot];
    widget.addEventListener('captchala-change', () => seen.push(widget.snapshot));
    await status(widget, 'ready');
    fake('checkbox')!.click();
    await status(widget, 'verified');
    expect(widget.snapshot).toBe(widget.snapshot);
    expect(Object.isFrozen(widget.snapshot)).toBe(true);
    expect(log.map((event) => event.detail)).toEqual(seen.slice(1));
    expect(log.every((event, i) => event.detail === seen[i + 1])).toBe(true);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map((snapshot) => snapshot.status)).toEqual(['idle', 'loading', 'ready', 'verified']);
    expect(widget.snapshot).toMatchObject({
      token: widget.token,
      issuedAt: widget.issuedAt,
      expiresAt: widget.expiresAt,
    });
  });

  test('a bad value set on a verified widget: token and form value gone, one status and one change event', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { form, widget } = widgetIn('app-key="test_pass" product="embed"');
    await status(widget, 'ready');
    fake('checkbox')!.click();
    await status(widget, 'verified');
    expect(new FormData(form).get('captchala_token')).toMatch(/^pt_/);
    const log = events(widget, 'captchala-status', 'captchala-change', 'captchala-error');
    widget.product = 'inline' as never;
    await widget.updateComplete;
    expect(widget.token).toBe('');
    expect(new FormData(form).get('captchala_token')).toBeNull();
    expect(widget.status).toBe('error');
    expect(log.map((event) => event.type)).toEqual([
      'captchala-change',
      'captchala-status',
      'captchala-error',
    ]);
    expect(log[0]!.detail).toBe(widget.snapshot);
    expect(log[1]!.detail).toEqual({ status: 'error' });
    expect(fake('checkbox', form)).toBeNull(); // the SDK instance went with the token
  });

  test("captchala-error's detail is the CaptchalaError itself, cause included", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { widget } = widgetIn('app-key="test_pass" theme=\'{"custom":\'');
    const error = (await next(widget, 'captchala-error')).detail;
    expect(error).toBeInstanceOf(CaptchalaError);
    expect(error).toBe(widget.error);
    expect(error).toMatchObject({ code: 'invalid_theme', refreshable: false });
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  test('getToken() on a widget not in the document rejects at once with not_mounted', async () => {
    const widget = document.createElement('captchala-widget');
    widget.appKey = 'test_pass';
    await expect(widget.getToken()).rejects.toMatchObject({
      code: 'not_mounted',
      message: expect.stringMatching(
        /^getToken\(\) was called with no widget in the document: append the <captchala-widget>/,
      ),
    });
  });
});

describe('defineCaptchalaWidget', () => {
  const registry = () => {
    const defined = new Map<string, CustomElementConstructor>();
    return {
      defined,
      get: (name: string) => defined.get(name),
      define: (name: string, element: CustomElementConstructor) => {
        if (defined.has(name)) throw new DOMException(`${name} already defined`, 'NotSupportedError');
        defined.set(name, element);
      },
    };
  };

  test('registers once and returns the class; idempotent, also when /define is evaluated again', async () => {
    expect(customElements.get('captchala-widget')).toBe(CaptchalaWidget);
    expect(defineCaptchalaWidget()).toBe(CaptchalaWidget);
    await import(/* @vite-ignore */ `../src/define.ts?again=${Date.now()}`);
    expect(customElements.get('captchala-widget')).toBe(CaptchalaWidget);
    const own = registry();
    expect(defineCaptchalaWidget(own)).toBe(CaptchalaWidget);
    expect(defineCaptchalaWidget(own)).toBe(CaptchalaWidget);
    expect([...own.defined.keys()]).toEqual(['captchala-widget']);
  });

  test('a tag taken by another version, or by another element, is a tag_conflict naming both', () => {
    const other = registry();
    other.define(
      'captchala-widget',
      class extends HTMLElement {
        static version = '9.9.9';
      },
    );
    expect(() => defineCaptchalaWidget(other)).toThrow(
      expect.objectContaining({
        code: 'tag_conflict',
        message: expect.stringMatching(
          /@captchala-kit\/element 9\.9\.9.*this copy is @captchala-kit\/element 0\.0\.0/,
        ),
      }),
    );
    const foreign = registry();
    foreign.define('captchala-widget', class NotOurs extends HTMLElement {});
    expect(() => defineCaptchalaWidget(foreign)).toThrow(/another element \(NotOurs\), not captchala-kit/);
  });

  test('the same version loaded twice (a duplicated bundle) shares the first copy', () => {
    const twice = registry();
    const copy = class CaptchalaWidget extends HTMLElement {
      static version = element.CaptchalaWidget.version;
    };
    twice.define('captchala-widget', copy);
    expect(defineCaptchalaWidget(twice)).toBe(copy);
  });
});

describe('the entry re-exports what a wrapper or app needs from core', () => {
  test.each([
    'CaptchalaError',
    'CaptchalaStatus',
    'DEFAULTS',
    'LoadingStrategy',
    'Product',
    'allowLoaderOrigins',
    'installCaptchalaTrustedTypes',
  ])('%s', (name) => {
    expect(element).toHaveProperty(name);
  });
});
