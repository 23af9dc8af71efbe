// The wrapper derives its props and emits from the element's tables: every event of CAPTCHALA_EVENTS becomes its
// emit, every setting of CAPTCHALA_OPTIONS reaches the element. A new entry in a table is checked here with no edit.
import {
  CAPTCHALA_EVENTS,
  CAPTCHALA_OPTIONS,
  type CaptchalaEventName,
  type CaptchalaOptionName,
  type CaptchalaWidget,
} from '@captchala-kit/element';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import * as vue from '../src/index';
import { Captchala, type UseCaptchalaResult, useCaptchala } from '../src/index';

enableAutoUnmount(afterEach);
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

const events = Object.keys(CAPTCHALA_EVENTS) as CaptchalaEventName[];
const options = Object.keys(CAPTCHALA_OPTIONS) as CaptchalaOptionName[];

/** A value for a setting, as a prop: `true` for a Boolean, a function for a property, else a string naming it. */
function valueFor(name: CaptchalaOptionName): unknown {
  const declaration = CAPTCHALA_OPTIONS[name] as { type?: unknown; attribute?: unknown };
  if (declaration.type === Boolean) return true;
  if (declaration.attribute === false) return async () => 'sct_';
  return `v-${name}`;
}

function widget(props: Record<string, unknown>) {
  // The values are no valid settings: the element refuses them, loudly.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const wrapper = mount(Captchala, { attachTo: document.body, props: { appKey: 'test_pass', ...props } });
  return { wrapper, element: wrapper.element as CaptchalaWidget };
}

describe('every event of CAPTCHALA_EVENTS is an emit carrying its detail', () => {
  test.each(events)('%s', (name) => {
    const EventClass = CAPTCHALA_EVENTS[name];
    const { wrapper, element } = widget({ loading: 'interaction' });
    const event = new EventClass({ sentinel: name } as never);
    element.dispatchEvent(event);
    expect(event.type).toBe(`captchala-${name}`);
    expect(wrapper.emitted(name)).toEqual([['detail' in event ? event.detail : undefined]]);
  });
});

describe('every setting of CAPTCHALA_OPTIONS reaches the element', () => {
  test.each(options)('%s', (name) => {
    const { element } = widget({ [name]: valueFor(name) });
    const value = element[name];
    if (typeof valueFor(name) === 'function') expect(value).toBeTypeOf('function');
    else expect(value).toBe(valueFor(name));
  });
});

describe('the same surface as the element and React', () => {
  test('Product, CaptchalaStatus and LoadingStrategy are values here, as in the element', () => {
    expect(vue.Product.Embed).toBe('embed');
    expect(vue.CaptchalaStatus.Verified).toBe('verified');
    expect(vue.LoadingStrategy.Visible).toBe('visible');
  });

  test('useCaptchala() returns the element, the whole snapshot, getToken and reset', async () => {
    let captchala: UseCaptchalaResult | undefined;
    const wrapper = mount(
      defineComponent(() => {
        captchala = useCaptchala();
        return () => h(Captchala, { ref: captchala!.ref, appKey: 'test_pass', loading: 'interaction' });
      }),
      { attachTo: document.body },
    );
    await vi.waitFor(() => expect(captchala?.element.value).toBe(wrapper.element));
    expect(Object.keys(captchala!).sort()).toEqual(
      ['element', 'error', 'expiresAt', 'getToken', 'issuedAt', 'ref', 'reset', 'status', 'token'].sort(),
    );
    expect(captchala!.issuedAt.value).toBeNull();
    expect(captchala!.expiresAt.value).toBeNull();
  });

  test('an invalid setting is reported by its prop name, as a Vue user wrote it', async () => {
    const { wrapper } = widget({ tokenTtl: -5 });
    await vi.waitFor(() =>
      expect((wrapper.emitted('error')?.[0]?.[0] as Error | undefined)?.message).toMatch(/^tokenTtl="-5"/),
    );
  });
});
