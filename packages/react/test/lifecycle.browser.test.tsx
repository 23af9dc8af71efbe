// Its own file, and this test first: the document has never loaded CaptchaLa before it.

import { act, cleanup, render } from '@testing-library/react';
import { Profiler, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  Captchala,
  type CaptchalaProps,
  type CaptchalaWidget,
  type ServerTokenProvider,
  useCaptchala,
} from '../src/index';
import { fake, loaderSrc, next, sdkRoots, standIn, trackLive } from './helpers';

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The demo site backend's server-token endpoint, as a page's own provider would call it. */
const fetchServerToken: ServerTokenProvider = async ({ action, signal }) => {
  const response = await fetch(standIn.serverTokenUrl({ appKey: 'test_server_token' }), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action }),
    signal,
  });
  return ((await response.json()) as { server_token: string }).server_token;
};

/** Two widgets given new inline callbacks, provider and theme object on every render. */
function TwoWidgets(props: { onSuccess: CaptchalaProps['onSuccess']; render: number }) {
  return (
    <StrictMode>
      <form>
        <Captchala
          appKey="test_pass"
          product="embed"
          loaderSrc={loaderSrc}
          theme={{ custom: { color: '#0a7d55' } }}
          onSuccess={(event) => props.onSuccess?.(event)}
          onStatusChange={() => {}}
          data-render={props.render}
        />
        <Captchala
          appKey="test_server_token"
          product="popup"
          loaderSrc={loaderSrc}
          serverTokenProvider={(context) => fetchServerToken(context)}
          onChange={() => {}}
        />
      </form>
    </StrictMode>
  );
}

const widgets = () => [...document.querySelectorAll('captchala-widget')];
const ready = (widget: CaptchalaWidget) => expect.poll(() => widget.status).toBe('ready');

describe('<Captchala> mounts once, and re-renders change nothing', () => {
  test('StrictMode, rendered as a page renders it: one loader request, one SDK instance per widget', async () => {
    // No act(): it would flush React's work synchronously, before the element starts (a microtask after
    // insertion). A page gets effects and StrictMode's second ref and effect calls later, after it started.
    const root = createRoot(document.body.appendChild(document.createElement('div')));
    try {
      root.render(<TwoWidgets onSuccess={undefined} render={0} />);
      await expect.poll(() => widgets()).toHaveLength(2);
      const [a, b] = widgets() as [CaptchalaWidget, CaptchalaWidget];
      await ready(a);
      await ready(b);
      const state = await standIn.inspect();
      expect(state.fileRequests['/captchala-loader.js']).toBe(1);
      expect(document.querySelectorAll('script[src*="captchala-loader.js"]')).toHaveLength(1);
      expect(sdkRoots()).toHaveLength(2);
      // One init each: every init preloads one challenge, and spends one server token.
      expect(state.challengeFetches).toEqual({ test_pass: 1, test_server_token: 1 });
      expect(state.serverTokens).toHaveLength(1);
    } finally {
      root.unmount();
    }
  });

  test('re-renders with new inline callbacks, provider and theme: the same SDK instances, the latest callback heard', async () => {
    const first = vi.fn();
    const view = render(<TwoWidgets onSuccess={first} render={0} />);
    const [a, b] = widgets() as [CaptchalaWidget, CaptchalaWidget];
    await ready(a);
    await ready(b);
    const roots = [...sdkRoots()];
    const before = await standIn.inspect();
    const latest = vi.fn();
    for (let render = 1; render <= 5; render++)
      view.rerender(<TwoWidgets onSuccess={latest} render={render} />);
    expect(a.dataset['render']).toBe('5');
    fake('checkbox', a)!.click();
    const success = await next(a, 'captchala-success');
    expect(latest).toHaveBeenCalledExactlyOnceWith(success);
    expect(first).not.toHaveBeenCalled();
    expect([...sdkRoots()]).toEqual(roots);
    const after = await standIn.inspect();
    expect(after.challengeFetches).toEqual(before.challengeFetches);
    expect(after.serverTokens).toHaveLength(before.serverTokens.length);
  });
});

function Tracked(props: { onChange: () => void }) {
  const captchala = useCaptchala();
  return (
    <form>
      <Captchala
        ref={captchala.ref}
        appKey="test_pass"
        product="embed"
        loaderSrc={loaderSrc}
        onChange={props.onChange}
        onSuccess={props.onChange}
      />
      <output>{captchala.status}</output>
    </form>
  );
}

/** A page that keeps rendering (its Profiler reports every commit) while the widget and its hook go. */
function Page(props: { shown: boolean; onChange: () => void; onCommit: (phase: string) => void }) {
  return (
    <Profiler id="page" onRender={(_id, phase) => props.onCommit(phase)}>
      <StrictMode>{props.shown && <Tracked onChange={props.onChange} />}</StrictMode>
    </Profiler>
  );
}

describe('unmount', () => {
  test('the SDK is destroyed; no timer, listener or state update is left behind', async () => {
    // React adds document listeners of its own on first use: let that happen before tracking.
    render(<div />);
    cleanup();
    const live = trackLive();
    try {
      const onChange = vi.fn();
      const commits: string[] = [];
      const onCommit = (phase: string) => commits.push(phase);
      const view = render(<Page shown onChange={onChange} onCommit={onCommit} />);
      const widget = document.querySelector('captchala-widget')!;
      await ready(widget);
      fake('checkbox', widget)!.click();
      await expect.poll(() => view.container.querySelector('output')?.textContent).toBe('verified');
      const sdkRoot = fake('root', widget)!;
      // What unmounting must clear: the held token's expiry timer, the form's submit guard, bfcache handling,
      // the element's own click handling, the props' listener for each event type, and the hook's store listener.
      expect(Math.max(...live.timers())).toBeGreaterThan(100_000); // expires 120 s − 10 s after issue
      expect(live.listeners().sort()).toEqual([
        'captchala-widget captchala-change', // the hook's
        'captchala-widget captchala-change', // the props'
        'captchala-widget captchala-close',
        'captchala-widget captchala-error',
        'captchala-widget captchala-expired',
        'captchala-widget captchala-ready',
        'captchala-widget captchala-status',
        'captchala-widget captchala-success',
        'captchala-widget click', // the element's own
        'document submit (capture)',
        'window pageshow',
      ]);
      commits.length = 0;
      view.rerender(<Page shown={false} onChange={onChange} onCommit={onCommit} />);
      // One commit: the element's last change as it disconnects (back to idle) updated no state of the departing
      // hook (React 18 renders the page once more for such an update).
      expect(commits).toEqual(['update']);
      expect(sdkRoot.parentNode).toBeNull(); // destroy() took it out of its container
      // Nothing hears the element any more: its events reach no prop.
      onChange.mockClear();
      await act(async () => {
        widget.dispatchEvent(new Event('captchala-success'));
        widget.dispatchEvent(new Event('captchala-change'));
      });
      expect(onChange).not.toHaveBeenCalled();
      expect(live.timers()).toEqual([]);
      expect(live.listeners()).toEqual([]);
    } finally {
      live.stop();
    }
  });
});
