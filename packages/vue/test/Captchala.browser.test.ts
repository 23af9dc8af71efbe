import type { CaptchalaWidget } from '@captchala-kit/element';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { Captchala } from '../src/index';
import { fake, loaderSrc, next, standIn, status } from './helpers';

enableAutoUnmount(afterEach);
beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

type Props = InstanceType<typeof Captchala>['$props'];

/** `<Captchala v-model>` as a parent binds it: the model lives in the parent and flows back down. */
function withModel(props: Props) {
  const wrapper = mount(Captchala, {
    attachTo: document.body,
    props: {
      loaderSrc,
      ...props,
      modelValue: '',
      'onUpdate:modelValue': (value: string) => wrapper.setProps({ modelValue: value }),
    },
  });
  const widget = wrapper.element as CaptchalaWidget;
  return { wrapper, widget, model: () => wrapper.props('modelValue') };
}

describe('v-model', () => {
  test('a solved token arrives in the model, and leaves it when it expires', async () => {
    const { wrapper, widget, model } = withModel({
      appKey: 'test_ttl_3',
      product: 'embed',
      tokenTtl: 3,
      refreshMargin: '1',
    });
    await status(widget, 'ready');
    fake('checkbox')!.click();
    await expect.poll(model).toMatch(/^pt_/);
    expect(model()).toBe(widget.token);
    const expired = next(widget, 'captchala-expired');
    await expired;
    await expect.poll(model).toBe('');
    expect(wrapper.emitted('expired')).toHaveLength(1);
  });

  test('a token handed out by getToken() leaves the model: it is spent', async () => {
    const { wrapper, widget, model } = withModel({ appKey: 'test_pass', product: 'embed' });
    await status(widget, 'ready');
    fake('checkbox')!.click();
    await expect.poll(model).toMatch(/^pt_/);
    const held = model();
    await expect(wrapper.vm.getToken()).resolves.toBe(held);
    await expect.poll(model).toBe('');
    expect(widget.status).toBe('consumed');
  });
});

describe('events', () => {
  test('ready, status, close and success re-emitted with the element event details', async () => {
    const wrapper = mount(Captchala, {
      attachTo: document.body,
      props: { appKey: 'test_pass', product: 'popup', loaderSrc },
    });
    const widget = wrapper.element as CaptchalaWidget;
    await status(widget, 'ready');
    expect(wrapper.emitted('ready')).toHaveLength(1);
    expect(wrapper.emitted('status')).toEqual([[{ status: 'loading' }], [{ status: 'ready' }]]);
    const closed = wrapper.vm.getToken();
    await expect.poll(() => fake('close')).not.toBeNull();
    fake('close')!.click();
    await expect(closed).rejects.toMatchObject({ code: 'challenge_closed' });
    expect(wrapper.emitted('close')).toHaveLength(1);
    const solved = wrapper.vm.getToken();
    await expect.poll(() => fake('solve')).not.toBeNull();
    fake('solve')!.click();
    const token = await solved;
    expect(wrapper.emitted('success')).toEqual([
      [expect.objectContaining({ token, result: expect.anything() })],
    ]);
  });

  test('error: the CaptchalaError itself', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const wrapper = mount(Captchala, {
      attachTo: document.body,
      props: { appKey: 'not_a_test_key', loaderSrc },
    });
    await expect.poll(() => wrapper.emitted('error')).toHaveLength(1);
    const [error] = wrapper.emitted('error')![0] as [Error & { code: string }];
    expect(error).toBe((wrapper.element as CaptchalaWidget).error);
    expect(error.code).toBe('invalid_app_key');
  });
});

describe('props', () => {
  test('attributes (an object theme as JSON), the provider as a property; nothing undefined', async () => {
    const provider = vi.fn(async () => standIn.serverTokenUrl({ appKey: 'test_server_token' }));
    const serverTokenProvider = vi.fn(async ({ action }: { action: string }) => {
      const response = await fetch(await provider(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action }),
      });
      return ((await response.json()) as { server_token: string }).server_token;
    });
    const theme = { custom: { color: '#0055ff' } };
    const wrapper = mount(Captchala, {
      attachTo: document.body,
      props: {
        appKey: 'test_server_token',
        action: 'login',
        product: 'embed',
        tokenTtl: 90,
        theme,
        serverTokenProvider,
        loaderSrc,
      },
    });
    const widget = wrapper.element as CaptchalaWidget;
    await status(widget, 'ready');
    expect(serverTokenProvider).toHaveBeenCalledWith(expect.objectContaining({ action: 'login' }));
    expect(JSON.parse(widget.theme as string)).toEqual(theme);
    expect(widget.action).toBe('login');
    expect(widget.getAttribute('app-key')).toBe('test_server_token');
    expect(widget.getAttribute('token-ttl')).toBe('90');
    // Ours, plus what the element reflects itself; no provider, model or lang attribute.
    expect(widget.getAttributeNames().sort()).toEqual([
      'app-key',
      'data-status',
      'loader-src',
      'loading',
      'name',
      'product',
      'token-ttl',
    ]);
  });

  test('an inline provider (a new function on every render) does not re-initialise the widget', async () => {
    const calls = vi.fn();
    const renders = ref(0);
    // The parent re-renders on every status event, and hands a new arrow function down each time.
    const Parent = defineComponent(
      () => () =>
        h('div', [
          h('span', renders.value),
          h(Captchala, {
            appKey: 'test_server_token~inline',
            product: 'embed',
            loaderSrc,
            serverTokenProvider: async ({ action }) => {
              calls(action);
              const response = await fetch(standIn.serverTokenUrl({ appKey: 'test_server_token~inline' }), {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ action }),
              });
              return ((await response.json()) as { server_token: string }).server_token;
            },
            onStatus: () => renders.value++,
          }),
        ]),
    );
    const wrapper = mount(Parent, { attachTo: document.body });
    const widget = wrapper.find('captchala-widget').element as CaptchalaWidget;
    await status(widget, 'ready');
    const rendered = renders.value;
    // A reset re-inits once: had a re-render re-initialised the widget, more inits would have run by its end.
    const reinit = next(widget, 'captchala-ready');
    await widget.reset();
    await reinit;
    expect(renders.value).toBeGreaterThan(rendered);
    expect(calls).toHaveBeenCalledTimes(2);
    expect((await standIn.inspect()).challengeFetches['test_server_token~inline']).toBe(2);
  });
});

describe('lang', () => {
  test('a lang change switches the SDK live, with no new instance; none follows the page again', async () => {
    const wrapper = mount(Captchala, {
      attachTo: document.body,
      props: { appKey: 'test_pass~lang', product: 'popup', lang: 'ja', loaderSrc },
    });
    const widget = wrapper.element as CaptchalaWidget;
    await status(widget, 'ready');
    const root = fake('root');
    expect(fake('trigger')!.textContent).toBe('クリックして認証');
    await wrapper.setProps({ lang: 'ko' });
    expect(widget.getAttribute('lang')).toBe('ko');
    await expect.poll(() => fake('trigger')!.textContent).toBe('클릭하여 인증');
    await wrapper.setProps({ lang: undefined });
    expect(widget.hasAttribute('lang')).toBe(false);
    await expect.poll(() => fake('trigger')!.textContent).toBe('Click to verify');
    expect(fake('root')).toBe(root);
    expect((await standIn.inspect()).challengeFetches['test_pass~lang']).toBe(1);
  });
});

describe('exposed', () => {
  test("a parent's template ref gets element, getToken() and reset(), and nothing else", async () => {
    const captcha = ref<InstanceType<typeof Captchala> | null>(null);
    mount(
      defineComponent({
        setup: () => () =>
          h(Captchala, { ref: captcha, appKey: 'test_auto_pass~exposed', product: 'bind', loaderSrc }),
      }),
      { attachTo: document.body },
    );
    const exposed = captcha.value!;
    const widget = document.querySelector('captchala-widget') as CaptchalaWidget;
    // What the component has but keeps to itself (its setup's state and render helper, its props).
    const kept = ['token', 'status', 'error', 'ref', 'widget', 'appKey', 'modelValue'];
    expect(kept.filter((key) => key in exposed)).toEqual([]);
    expect(exposed.element).toBe(widget);
    await status(widget, 'ready');
    await expect(exposed.getToken()).resolves.toMatch(/^pt_/);
    const reinit = next(widget, 'captchala-ready');
    await exposed.reset();
    await reinit;
    // The first init's preload and reset()'s: reset() takes over the re-init the hand-out had scheduled.
    expect((await standIn.inspect()).challengeFetches['test_auto_pass~exposed']).toBe(2);
  });
});
