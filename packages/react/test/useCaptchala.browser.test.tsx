import { cleanup, render, screen } from '@testing-library/react';
import { createRef, StrictMode, useEffect, useState } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  Captchala,
  CaptchalaError,
  type CaptchalaProps,
  type CaptchalaWidget,
  type UseCaptchalaResult,
  useCaptchala,
} from '../src/index';
import { fake, loaderSrc, next, sdkRoots, standIn } from './helpers';

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Collects what the hook returned in every committed render (StrictMode's discarded renders left out). */
function useCommitted(hooks: UseCaptchalaResult[], captchala: UseCaptchalaResult) {
  useEffect(() => {
    hooks.push(captchala);
  });
}

/** A widget with its hook. */
function Widget(props: Omit<CaptchalaProps, 'loaderSrc'> & { hooks: UseCaptchalaResult[]; testId: string }) {
  const { hooks, testId, ...widget } = props;
  const captchala = useCaptchala();
  useCommitted(hooks, captchala);
  return (
    <div data-testid={testId}>
      <Captchala ref={captchala.ref} loaderSrc={loaderSrc} {...widget} />
      <output>{captchala.status}</output>
    </div>
  );
}

/** A widget shown and hidden by a button, with its hook outside it. */
function Toggled(props: { hooks: UseCaptchalaResult[] }) {
  const [shown, setShown] = useState(false);
  const captchala = useCaptchala();
  useCommitted(props.hooks, captchala);
  return (
    <>
      {shown && <Captchala ref={captchala.ref} appKey="test_auto_pass" loaderSrc={loaderSrc} />}
      <button type="button" onClick={() => setShown(!shown)}>
        toggle
      </button>
    </>
  );
}

/** A bare <captchala-widget> with the hook. */
function Bare(props: { hooks: UseCaptchalaResult[] }) {
  const captchala = useCaptchala();
  useCommitted(props.hooks, captchala);
  return (
    <div data-testid="c">
      <captchala-widget ref={captchala.ref} app-key="test_pass" product="embed" loader-src={loaderSrc} />
      <output>{captchala.status}</output>
    </div>
  );
}

const statusOf = (testId: string) => screen.getByTestId(testId).querySelector('output')!.textContent;
const widgetIn = (testId: string) => screen.getByTestId(testId).querySelector('captchala-widget')!;

describe('useCaptchala()', () => {
  test('follows the snapshot (status, token, issuedAt, expiresAt), with stable ref, getToken and reset', async () => {
    const hooks: UseCaptchalaResult[] = [];
    render(
      <StrictMode>
        <Widget hooks={hooks} testId="w" appKey="test_pass" product="embed" />
      </StrictMode>,
    );
    await expect.poll(() => statusOf('w')).toBe('ready');
    fake('checkbox', widgetIn('w'))!.click();
    await expect.poll(() => statusOf('w')).toBe('verified');
    const last = hooks.at(-1)!;
    expect(last.token).toBe(widgetIn('w').token);
    expect(last.token).toMatch(/^pt_/);
    expect(last.expiresAt! - last.issuedAt!).toBe(120_000);
    expect([...new Set(hooks.map((hook) => hook.status))]).toEqual(['idle', 'loading', 'ready', 'verified']);
    for (const key of ['ref', 'getToken', 'reset'] as const) {
      expect(new Set(hooks.map((hook) => hook[key])).size).toBe(1);
    }
  });

  test('an error: status error, the CaptchalaError itself, and onError with the typed event', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const hooks: UseCaptchalaResult[] = [];
    const onError = vi.fn();
    render(<Widget hooks={hooks} testId="w" appKey="test_disabled" onError={onError} />);
    await expect.poll(() => statusOf('w')).toBe('error');
    const { error } = hooks.at(-1)!;
    expect(error).toBeInstanceOf(CaptchalaError);
    expect(error).toMatchObject({ code: 'app_disabled', refreshable: false });
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]![0].detail).toBe(error);
  });

  test('getToken() before the widget mounts (and after it unmounts) rejects with not_mounted', async () => {
    const hooks: UseCaptchalaResult[] = [];
    render(<Toggled hooks={hooks} />);
    const before = hooks.at(-1)!.getToken();
    await expect(before).rejects.toBeInstanceOf(CaptchalaError);
    await expect(before).rejects.toMatchObject({
      code: 'not_mounted',
      message: expect.stringMatching(
        /^getToken\(\) was called with no widget in the document: pass `ref` from useCaptchala\(\)/,
      ),
    });
    screen.getByRole('button', { name: 'toggle' }).click();
    await expect.poll(() => hooks.at(-1)!.status).toBe('ready');
    const token = await hooks.at(-1)!.getToken();
    expect(token).toMatch(/^pt_/);
    await expect.poll(() => hooks.at(-1)!.status).toBe('consumed');
    expect(
      await standIn.siteValidate({ appKey: 'test_auto_pass', body: { captchala_token: token } }),
    ).toMatchObject({
      valid: true,
    });
    screen.getByRole('button', { name: 'toggle' }).click();
    await expect.poll(() => hooks.at(-1)!.status).toBe('idle');
    await expect(hooks.at(-1)!.getToken()).rejects.toMatchObject({ code: 'not_mounted' });
    expect(new Set(hooks.map((hook) => hook.getToken)).size).toBe(1);
  });

  test('reset() re-initialises the SDK', async () => {
    const hooks: UseCaptchalaResult[] = [];
    render(<Widget hooks={hooks} testId="w" appKey="test_pass~reset" product="embed" />);
    await expect.poll(() => statusOf('w')).toBe('ready');
    const sdkRoot = fake('root', widgetIn('w'));
    const ready = next(widgetIn('w'), 'captchala-ready');
    await hooks.at(-1)!.reset();
    await ready;
    expect(fake('root', widgetIn('w'))).not.toBe(sdkRoot);
    expect((await standIn.inspect()).challengeFetches['test_pass~reset']).toBe(2);
  });

  test('many widgets and hooks on a page, bare tag included: each hook follows its own widget', async () => {
    const a: UseCaptchalaResult[] = [];
    const b: UseCaptchalaResult[] = [];
    const c: UseCaptchalaResult[] = [];
    render(
      <StrictMode>
        <form>
          <Widget hooks={a} testId="a" appKey="test_pass" product="embed" />
          <Widget hooks={b} testId="b" appKey="test_pass" product="embed" />
          <Bare hooks={c} />
        </form>
      </StrictMode>,
    );
    for (const id of ['a', 'b', 'c']) await expect.poll(() => statusOf(id)).toBe('ready');
    expect(sdkRoots()).toHaveLength(3);
    fake('checkbox', widgetIn('b'))!.click();
    await expect.poll(() => statusOf('b')).toBe('verified');
    fake('checkbox', widgetIn('c'))!.click();
    await expect.poll(() => statusOf('c')).toBe('verified');
    expect(statusOf('a')).toBe('ready');
    expect(b.at(-1)!.token).toBe(widgetIn('b').token);
    expect(c.at(-1)!.token).toBe(widgetIn('c').token);
    expect(b.at(-1)!.token).not.toBe(c.at(-1)!.token);
  });
});

describe('<Captchala> props', () => {
  test('ref is the element: ref.current.getToken() works', async () => {
    const ref = createRef<CaptchalaWidget>();
    render(<Captchala ref={ref} appKey="test_auto_pass" loaderSrc={loaderSrc} className="captcha" />);
    expect(ref.current).toBe(document.querySelector('captchala-widget'));
    expect(ref.current!.className).toBe('captcha');
    await expect(ref.current!.getToken()).resolves.toMatch(/^pt_/);
  });

  test('event props get the typed events: ready, status, change, success, close', async () => {
    const log: string[] = [];
    const changes: unknown[] = [];
    render(
      <Captchala
        appKey="test_pass"
        product="popup"
        loaderSrc={loaderSrc}
        onReady={(event) => log.push(event.type)}
        onStatusChange={(event) => log.push(`status:${event.detail.status}`)}
        onChange={(event) => changes.push(event.detail)}
        onSuccess={(event) => log.push(`success:${event.detail.token.slice(0, 3)}`)}
        onClose={(event) => log.push(event.type)}
      />,
    );
    const widget = document.querySelector('captchala-widget')!;
    await expect.poll(() => log).toContain('captchala-ready');
    const closed = widget.getToken();
    await expect.poll(() => fake('panel')).not.toBeNull();
    fake('close')!.click();
    await expect(closed).rejects.toMatchObject({ code: 'challenge_closed' });
    const pending = widget.getToken();
    await expect.poll(() => fake('panel')).not.toBeNull();
    fake('solve')!.click();
    await pending;
    expect(log).toEqual(
      expect.arrayContaining([
        'status:loading',
        'status:ready',
        'captchala-close',
        'status:solving',
        'success:pt_',
      ]),
    );
    expect(changes.at(-1)).toBe(widget.snapshot);
  });

  test('onExpired: an unused token went stale', async () => {
    const onExpired = vi.fn();
    render(
      <Captchala
        appKey="test_ttl_3"
        product="embed"
        tokenTtl={3}
        refreshMargin={1}
        loaderSrc={loaderSrc}
        onExpired={onExpired}
      />,
    );
    const widget = document.querySelector('captchala-widget')!;
    await expect.poll(() => widget.status).toBe('ready');
    fake('checkbox', widget)!.click();
    await expect.poll(() => widget.status).toBe('verified');
    const expired = await next(widget, 'captchala-expired');
    expect(onExpired).toHaveBeenCalledExactlyOnceWith(expired);
  });

  test('every prop reaches the element; false and removed ones leave it enabled', async () => {
    const ref = createRef<CaptchalaWidget>();
    const { rerender } = render(
      <Captchala
        ref={ref}
        appKey="test_pass"
        action="signup"
        product="embed"
        theme={{ custom: { color: '#0a7d55' } }}
        name="cf_token"
        tokenTtl={60}
        refreshMargin={5}
        loading="interaction"
        disabled={false}
        serverToken="sct_static"
        serverTokenUrl="/server-token"
        lang="ja"
        loaderSrc={loaderSrc}
      />,
    );
    const widget = ref.current!;
    expect(widget).toMatchObject({
      appKey: 'test_pass',
      action: 'signup',
      product: 'embed',
      name: 'cf_token',
    });
    expect(String(widget.tokenTtl)).toBe('60');
    expect(String(widget.refreshMargin)).toBe('5');
    expect(widget).toMatchObject({ loading: 'interaction', disabled: false, lang: 'ja' });
    expect(widget).toMatchObject({ serverToken: 'sct_static', serverTokenUrl: '/server-token', loaderSrc });
    expect(JSON.parse(String(widget.theme))).toEqual({ custom: { color: '#0a7d55' } });
    expect(widget.hasAttribute('disabled')).toBe(false);
    rerender(<Captchala ref={ref} appKey="test_pass" product="embed" disabled loaderSrc={loaderSrc} />);
    expect(widget.disabled).toBe(true);
    await widget.updateComplete;
    expect(widget.hasAttribute('disabled')).toBe(true);
    // Gone again: React 18 removes the attribute, React 19 clears the property (to null); either way not disabled.
    rerender(<Captchala ref={ref} appKey="test_pass" product="embed" loaderSrc={loaderSrc} />);
    expect(widget.disabled).toBeFalsy();
    await widget.updateComplete;
    expect(widget.hasAttribute('disabled')).toBe(false);
    expect(widget.serverToken ?? null).toBeNull();
  });
});
