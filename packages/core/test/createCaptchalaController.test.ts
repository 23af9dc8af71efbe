import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CaptchalaError, type ServerTokenProvider } from '../src/index';
import { type CaptchalaControllerOptions, createCaptchalaController } from '../src/internal';
import { defineLoader, fakeLoaderPlatform, fakeSdk } from './fakes';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_750_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

const container = {} as HTMLElement;
const flush = () => vi.advanceTimersByTimeAsync(0);

function setup(options: Partial<CaptchalaControllerOptions> = {}, sdkOptions: { setLang?: boolean } = {}) {
  const page = fakeLoaderPlatform();
  const fake = fakeSdk(sdkOptions);
  defineLoader(page.globals, fake.sdk);
  const events: string[] = [];
  const anchors: string[] = [];
  const controller = createCaptchalaController({
    appKey: 'test_pass',
    action: 'login',
    loader: { platform: page.platform },
    platform: {
      fetch: async () => {
        throw new Error('no network in unit tests');
      },
      createBindAnchor: () => {
        anchors.push('anchor');
        return { element: { anchor: true } as unknown as HTMLElement, remove: () => anchors.pop() };
      },
    },
    on: {
      ready: () => events.push('ready'),
      success: (detail) => events.push(`success:${detail.token}`),
      expired: () => events.push('expired'),
      error: (error) => events.push(`error:${error.code}`),
      close: () => events.push('close'),
    },
    ...options,
  });
  return { controller, fake, events, anchors, page };
}

async function mounted(
  options: Partial<CaptchalaControllerOptions> = {},
  sdkOptions: { setLang?: boolean } = {},
) {
  const context = setup(options, sdkOptions);
  await context.controller.mount({ container });
  context.fake.last().ready();
  return context;
}

describe('mount', () => {
  test('loads, inits with the config, appends to the container, then ready', async () => {
    const { controller, fake, events } = setup({ product: 'embed', lang: 'ja', theme: 'dark' });
    expect(controller.getSnapshot().status).toBe('idle');
    await controller.mount({ container });
    expect(controller.getSnapshot().status).toBe('loading');
    expect(fake.last().config).toMatchObject({
      appKey: 'test_pass',
      product: 'embed',
      action: 'login',
      lang: 'ja',
      theme: 'dark',
    });
    expect(fake.last().appendedTo).toBe(container);
    fake.last().ready();
    expect(controller.getSnapshot().status).toBe('ready');
    expect(events).toEqual(['ready']);
  });

  test('bind attaches to an invisible anchor and runs challenges with verify()', async () => {
    const { controller, fake, anchors } = await mounted({ product: 'bind' });
    expect(fake.last().boundTo).toEqual({ anchor: true });
    expect(anchors).toHaveLength(1);
    const waiting = controller.getToken();
    expect(fake.last().calls).toEqual(['verify']);
    controller.destroy();
    await expect(waiting).rejects.toMatchObject({ code: 'destroyed' });
    expect(anchors).toHaveLength(0);
  });
});

describe('expiry and freshness', () => {
  test('a held token stays fresh until ttl − margin, then expires exactly once', async () => {
    const { controller, fake, events } = await mounted({ tokenTtl: 120, refreshMargin: 10 });
    fake.last().succeed({ token: 'pt_1' });
    const snapshot = controller.getSnapshot();
    expect(snapshot).toMatchObject({ status: 'verified', token: 'pt_1' });
    expect(snapshot.expiresAt! - snapshot.issuedAt!).toBe(120_000);
    await vi.advanceTimersByTimeAsync(109_999);
    expect(controller.getSnapshot().status).toBe('verified');
    await vi.advanceTimersByTimeAsync(1);
    expect(controller.getSnapshot()).toMatchObject({ status: 'expired', token: '' });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(events.filter((e) => e === 'expired')).toHaveLength(1);
    // The SDK is readied for the next token by a new instance (destroy + init), as after every hand-out.
    expect(fake.instances).toHaveLength(2);
    expect(fake.instances[0]!.destroyed).toBe(true);
    expect(controller.takeFreshToken()).toBeNull();
  });

  test("the SDK's ttl wins over token-ttl", async () => {
    const { controller, fake } = await mounted({ tokenTtl: 120, refreshMargin: 10 });
    fake.last().succeed({ token: 'pt_1', ttl: 30 });
    expect(controller.getSnapshot().expiresAt! - controller.getSnapshot().issuedAt!).toBe(30_000);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(controller.getSnapshot().status).toBe('expired');
  });

  test('refresh margin: a token inside the margin is never handed out', async () => {
    const { controller, fake } = await mounted({ tokenTtl: 60, refreshMargin: 15 });
    fake.last().succeed({ token: 'pt_1' });
    vi.setSystemTime(Date.now() + 45_000); // clock jumps (tab asleep): the timer has not fired yet
    expect(controller.takeFreshToken()).toBeNull();
    expect(controller.getSnapshot().status).toBe('expired');
  });
});

describe('single use', () => {
  test('takeFreshToken hands a token out once; the next getToken runs a challenge', async () => {
    const { controller, fake } = await mounted();
    fake.last().succeed({ token: 'pt_1' });
    expect(controller.takeFreshToken()).toBe('pt_1');
    expect(controller.getSnapshot()).toMatchObject({ status: 'consumed', token: '' });
    expect(controller.takeFreshToken()).toBeNull();
    const next = controller.getToken();
    await flush();
    expect(fake.instances).toHaveLength(2);
    // Every challenge starts from a ready instance: nothing is shown before the new one reports ready.
    expect(fake.last().calls).toEqual([]);
    fake.last().ready();
    expect(fake.last().calls).toEqual(['showCaptcha']);
    fake.last().succeed({ token: 'pt_2' });
    await expect(next).resolves.toBe('pt_2');
  });

  test('concurrent getToken calls: one challenge at a time, each caller a different token', async () => {
    const { controller, fake } = await mounted();
    const a = controller.getToken();
    const b = controller.getToken();
    expect(fake.last().calls.filter((c) => c === 'showCaptcha')).toHaveLength(1);
    fake.last().succeed({ token: 'pt_a' });
    await expect(a).resolves.toBe('pt_a');
    await flush();
    expect(fake.instances).toHaveLength(2);
    expect(fake.last().calls).toEqual([]); // b waits for the new instance to be ready
    fake.last().ready();
    expect(fake.last().calls).toEqual(['showCaptcha']);
    fake.last().succeed({ token: 'pt_b' });
    await expect(b).resolves.toBe('pt_b');
  });

  test('abort → aborted, timeout → challenge_timeout, close → challenge_closed; no timers left', async () => {
    const { controller, fake, events } = await mounted();
    const abort = new AbortController();
    const aborted = controller.getToken({ signal: abort.signal });
    abort.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'aborted' });
    await expect(controller.getToken({ signal: abort.signal })).rejects.toMatchObject({ code: 'aborted' });

    const slow = controller.getToken({ timeoutMs: 5_000 });
    const outcome = expect(slow).rejects.toMatchObject({ code: 'challenge_timeout' });
    await vi.advanceTimersByTimeAsync(5_000);
    await outcome;

    fake.last().close(); // ends the challenge still showing from the calls above
    const closed = controller.getToken({ timeoutMs: 60_000 });
    fake.last().close();
    await expect(closed).rejects.toMatchObject({ code: 'challenge_closed' });
    expect(events.filter((e) => e === 'close')).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('property: no token is ever handed out twice, or stale, over random interleavings', async () => {
    let seed = 20261124;
    const random = () => {
      seed = (seed * 1664525 + 1013904223) % 2 ** 32;
      return seed / 2 ** 32;
    };
    for (let run = 0; run < 40; run++) {
      const { controller, fake } = await mounted({ tokenTtl: 20, refreshMargin: 5 });
      const handedOut: Array<{ token: string; at: number }> = [];
      const issued = new Map<string, number>();
      let next = 0;
      const pending: Array<Promise<void>> = [];
      for (let step = 0; step < 60; step++) {
        const roll = random();
        if (roll < 0.3) {
          const token = `pt_${run}_${next++}`;
          issued.set(token, Date.now());
          fake.last().succeed({ token });
        } else if (roll < 0.55) {
          const token = controller.takeFreshToken();
          if (token) handedOut.push({ token, at: Date.now() });
        } else if (roll < 0.75) {
          pending.push(
            controller.getToken({ timeoutMs: 30_000 }).then(
              (token) => void handedOut.push({ token, at: Date.now() }),
              () => {},
            ),
          );
        } else if (roll < 0.85) {
          fake.last().close();
        } else {
          await vi.advanceTimersByTimeAsync(Math.floor(random() * 12_000));
        }
        await flush();
      }
      controller.destroy();
      await Promise.all(pending);
      const tokens = handedOut.map((h) => h.token);
      expect(new Set(tokens).size).toBe(tokens.length);
      for (const { token, at } of handedOut) {
        expect(at - issued.get(token)!).toBeLessThan(15_000); // ttl − margin
      }
    }
  });
});

describe('server tokens', () => {
  test('a provider is asked for a fresh sct_ on init and again on every refreshable error (once each)', async () => {
    let n = 0;
    const provider: ServerTokenProvider = vi.fn(async () => `sct_${++n}`);
    const { controller, fake, events } = await mounted({ serverTokenProvider: provider });
    expect(fake.last().config.serverToken).toBe('sct_1');
    fake.last().fail('Server token exhausted (server_token_exhausted)');
    await flush();
    expect(provider).toHaveBeenCalledTimes(2);
    expect(fake.instances).toHaveLength(2);
    expect(fake.instances[0]!.destroyed).toBe(true);
    expect(fake.last().config.serverToken).toBe('sct_2');
    expect(events.filter((e) => e.startsWith('error'))).toEqual([]);
    fake.last().ready();
    expect(controller.getSnapshot().status).toBe('ready');
  });

  test('refreshable errors are bounded: a provider whose tokens keep failing ends in error, not a loop', async () => {
    let n = 0;
    const { controller, fake, events } = await mounted({ serverTokenProvider: async () => `sct_${++n}` });
    for (let i = 0; i < 5; i++) {
      fake.last().fail('Server token invalid (server_token_invalid)');
      await flush();
    }
    // Two re-inits with fresh tokens, then the error is final: the torn-down instance says nothing more.
    expect(fake.instances).toHaveLength(3);
    expect(fake.last().destroyed).toBe(true);
    expect(controller.getSnapshot()).toMatchObject({ status: 'error' });
    expect(events.filter((e) => e === 'error:server_token_invalid')).toHaveLength(1);
  });

  test('onServerTokenExpired: answered from the provider, then at most once per 5 s (null sooner): never a loop', async () => {
    let n = 0;
    const provider: ServerTokenProvider = vi.fn(async () => `sct_${++n}`);
    const { fake } = await mounted({ serverTokenProvider: provider });
    const renew = fake.last().config.onServerTokenExpired!;
    await expect(renew()).resolves.toBe('sct_2');
    // An SDK that refuses the renewed token and asks again at once, over and over.
    for (let i = 0; i < 20; i++) await expect(renew()).resolves.toBeNull();
    expect(provider).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(renew()).resolves.toBe('sct_3');
    expect(provider).toHaveBeenCalledTimes(3);
  });

  test('after each hand-out a provider-backed widget re-inits with a fresh sct_', async () => {
    let n = 0;
    const { controller, fake } = await mounted({ serverTokenProvider: async () => `sct_${++n}` });
    fake.last().succeed({ token: 'pt_1' });
    expect(controller.takeFreshToken()).toBe('pt_1');
    await flush();
    expect(fake.instances).toHaveLength(2);
    expect(fake.last().config.serverToken).toBe('sct_2');
  });

  test('a provider that returns garbage or throws: error state with server_token_fetch_failed', async () => {
    const garbage = setup({ serverTokenProvider: async () => ({ nope: true }) as never });
    await expect(garbage.controller.mount({ container })).rejects.toMatchObject({
      code: 'server_token_fetch_failed',
    });
    expect(garbage.controller.getSnapshot().error).toBeInstanceOf(CaptchalaError);
    expect(garbage.fake.instances).toHaveLength(0);
    const throwing = setup({
      serverTokenProvider: async () => {
        throw new Error('503');
      },
    });
    await expect(throwing.controller.mount({ container })).rejects.toMatchObject({
      code: 'server_token_fetch_failed',
    });
    expect(throwing.events).toEqual(['error:server_token_fetch_failed']);
  });

  test('a static server token cannot be refreshed: the error says how to fix it', async () => {
    const { controller, fake } = await mounted({ serverToken: 'sct_static' });
    fake.last().fail('Server token expired (server_token_expired)');
    expect(controller.getSnapshot().error?.message).toMatch(
      /set serverTokenUrl or serverTokenProvider instead of a static serverToken/,
    );
    expect(fake.instances).toHaveLength(1);
  });

  test('idle, a server token is not replaced: each re-init would preload, and bill, a challenge', async () => {
    let n = 0;
    const provider = vi.fn(async () => ({ serverToken: `sct_${++n}`, expiresIn: 300 }));
    const { controller, fake } = await mounted({ serverTokenProvider: provider });
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(fake.instances).toHaveLength(1);
    // Its preloaded challenge expired meanwhile: the SDK says so, and one re-init brings a fresh server token.
    const waiting = controller.getToken();
    fake.last().fail('Challenge expired, please retry (challenge_expired)');
    await flush();
    expect(fake.instances).toHaveLength(2);
    expect(fake.last().config.serverToken).toBe('sct_2');
    fake.last().ready();
    fake.last().succeed({ token: 'pt_late' });
    await expect(waiting).resolves.toBe('pt_late');
  });
});

describe('errors, updates, destroy', () => {
  test('a non-refreshable SDK error rejects waiters and is reported once', async () => {
    const { controller, fake, events } = await mounted();
    const waiting = controller.getToken();
    fake.last().fail('Verification failed (verify_failed)');
    await expect(waiting).rejects.toMatchObject({ code: 'verify_failed', message: 'Verification failed' });
    expect(events).toEqual(['ready', 'error:verify_failed']);
  });

  test('lang changes live through setLang; other changes re-init', async () => {
    const { controller, fake } = await mounted({ lang: 'en' }, { setLang: true });
    controller.update({ lang: 'ko' });
    expect(fake.last().calls).toEqual(['setLang:ko']);
    expect(fake.instances).toHaveLength(1);
    controller.update({ theme: 'dark', tokenTtl: 30 });
    await flush();
    expect(fake.instances).toHaveLength(2);
    expect(fake.last().config.theme).toBe('dark');
    controller.update({ theme: 'dark' });
    await flush();
    expect(fake.instances).toHaveLength(2);
  });

  test('options compare by content down to their functions: a new loader platform re-inits, a copy does not', async () => {
    const { controller, fake, page } = await mounted();
    controller.update({ loader: { platform: page.platform }, theme: 'dark' });
    await flush();
    expect(fake.instances).toHaveLength(2);
    // The same values in new objects (a framework's render): nothing changed.
    controller.update({ loader: { platform: page.platform }, theme: 'dark' });
    await flush();
    expect(fake.instances).toHaveLength(2);
    // Only a function deep inside differs: that is a change (JSON would have called it equal).
    controller.update({
      loader: { platform: { ...page.platform, findScript: (src) => page.platform.findScript(src) } },
    });
    await flush();
    expect(fake.instances).toHaveLength(3);
  });

  test('a new serverTokenProvider function (one per render) is used from the next fetch, without a re-init', async () => {
    const { controller, fake } = await mounted({ serverTokenProvider: async () => 'sct_first' });
    controller.update({ serverTokenProvider: async () => 'sct_second' });
    await flush();
    expect(fake.instances).toHaveLength(1);
    fake.last().succeed({ token: 'pt_1' });
    expect(controller.takeFreshToken()).toBe('pt_1');
    await flush();
    expect(fake.last().config.serverToken).toBe('sct_second');
  });

  test('destroy: idempotent, guards a throwing SDK destroy, rejects waiters with destroyed', async () => {
    const { controller, fake } = await mounted();
    const waiting = controller.getToken();
    const instance = fake.last();
    instance.calls.push = () => {
      throw new Error('SDK destroy blew up');
    };
    controller.destroy();
    controller.destroy();
    await expect(waiting).rejects.toMatchObject({ code: 'destroyed' });
    expect(controller.getSnapshot().status).toBe('idle');
    instance.succeed({ token: 'pt_late' });
    expect(controller.getSnapshot().token).toBe('');
    await expect(controller.getToken()).rejects.toMatchObject({ code: 'destroyed' });
  });

  test('subscribe gets immutable snapshots; unsubscribe stops them', async () => {
    const { controller, fake } = await mounted();
    const seen: string[] = [];
    const unsubscribe = controller.subscribe((s) => seen.push(s.status));
    fake.last().succeed({ token: 'pt_1' });
    expect(Object.isFrozen(controller.getSnapshot())).toBe(true);
    unsubscribe();
    controller.takeFreshToken();
    expect(seen).toEqual(['verified']);
  });
});

describe('no dead ends', () => {
  test('an SDK error before ready tears the instance down; the next getToken re-inits (backoff) and proceeds', async () => {
    const { controller, fake, events } = setup();
    await controller.mount({ container });
    fake.last().fail('Too many requests, slow down (rate_limit_exceeded)');
    expect(controller.getSnapshot()).toMatchObject({ status: 'error' });
    expect(fake.last().destroyed).toBe(true);
    const next = controller.getToken();
    expect(controller.getSnapshot().status).toBe('loading');
    // The failure was just now: the re-init waits out the first backoff step (1 s), once.
    await vi.advanceTimersByTimeAsync(999);
    expect(fake.instances).toHaveLength(1);
    void controller.getToken({ timeoutMs: 60_000 }).catch(() => {});
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.instances).toHaveLength(2);
    fake.last().ready();
    expect(fake.last().calls).toEqual(['showCaptcha']);
    fake.last().succeed({ token: 'pt_after' });
    await expect(next).resolves.toBe('pt_after');
    expect(events).toEqual(['error:rate_limit_exceeded', 'ready', 'success:pt_after']);
  });

  test.each([
    ['reset()', (controller: ReturnType<typeof setup>['controller']) => void controller.reset()],
    [
      'a structural update()',
      (controller: ReturnType<typeof setup>['controller']) => controller.update({ action: 'signup' }),
    ],
  ])(
    '%s while a retry waits out its backoff inits once: the pending retry is cancelled, not run on top',
    async (_, restart) => {
      const { controller, fake } = setup();
      await controller.mount({ container });
      fake.last().fail('Too many requests, slow down (rate_limit_exceeded)');
      const waiting = controller.getToken({ timeoutMs: 60_000 });
      // The retry waits 1 s: meanwhile the page resets (or re-configures) the widget, which inits right away.
      await vi.advanceTimersByTimeAsync(500);
      expect(fake.instances).toHaveLength(1);
      restart(controller);
      await flush();
      expect(fake.instances).toHaveLength(2);
      fake.last().ready();
      await vi.advanceTimersByTimeAsync(15_000);
      // Each init preloads, and bills, a challenge: the cancelled backoff made no third one.
      expect(fake.instances).toHaveLength(2);
      expect(fake.last().destroyed).toBe(false);
      // The waiting caller is served by the instance the restart made.
      expect(fake.last().calls).toEqual(['showCaptcha']);
      fake.last().succeed({ token: 'pt_once' });
      await expect(waiting).resolves.toBe('pt_once');
    },
  );

  test('failed inits in a row back off exponentially, capped: never a loop', async () => {
    const { controller, fake } = setup();
    await controller.mount({ container });
    const starts: number[] = [];
    for (let i = 0; i < 6; i++) {
      fake.last().fail('Network error, please check your connection (network_error)');
      const start = Date.now();
      const attempt = controller.getToken().catch((e: unknown) => e);
      for (let step = 0; step < 200 && fake.instances.length < i + 2; step++) {
        await vi.advanceTimersByTimeAsync(250);
      }
      starts.push(Math.round((Date.now() - start) / 1000));
      fake.last().fail('Network error, please check your connection (network_error)');
      expect(await attempt).toMatchObject({ code: 'network_error' });
    }
    expect(starts).toEqual([1, 2, 4, 8, 15, 15]);
  });

  test('errors no retry can fix fail the next action at once, with the error reported again', async () => {
    const { controller, fake, events } = setup();
    await controller.mount({ container });
    fake.last().fail('Unknown app key "nope" (invalid_app_key)');
    await expect(controller.getToken()).rejects.toMatchObject({ code: 'invalid_app_key' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.instances).toHaveLength(1);
    expect(events).toEqual(['error:invalid_app_key', 'error:invalid_app_key']);
    expect(controller.getSnapshot().status).toBe('error');
  });

  test('an SDK that never reports ready: sdk_timeout, and no getToken stays pending', async () => {
    const { controller, fake } = setup();
    await controller.mount({ container });
    const waiting = controller.getToken();
    const outcome = expect(waiting).rejects.toMatchObject({ code: 'sdk_timeout' });
    await vi.advanceTimersByTimeAsync(20_000);
    await outcome;
    expect(fake.last().destroyed).toBe(true);
    expect(controller.getSnapshot().status).toBe('error');
  });

  test('short-lived server tokens never make the widget loop: idle, nothing is fetched at all', async () => {
    const provider = vi.fn(async () => ({ serverToken: `sct_${Date.now()}`, expiresIn: 20 }));
    const { fake } = await mounted({ serverTokenProvider: provider });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(fake.instances).toHaveLength(1);
  });

  test('a token given to a waiting caller never shows in the snapshot', async () => {
    const { controller, fake } = await mounted();
    const seen: string[] = [];
    controller.subscribe((snapshot) => seen.push(snapshot.token));
    const waiting = controller.getToken();
    fake.last().succeed({ token: 'pt_handed' });
    await expect(waiting).resolves.toBe('pt_handed');
    expect(seen).not.toContain('pt_handed');
    expect(controller.getSnapshot()).toMatchObject({ status: 'consumed', token: '' });
  });
});
