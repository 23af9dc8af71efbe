// The wrapper derives its props from the element's tables: every event of CAPTCHALA_EVENTS reaches its `on*` prop,
// every setting of CAPTCHALA_OPTIONS reaches the element. A new entry in a table is checked here with no edit.
import {
  CAPTCHALA_EVENTS,
  CAPTCHALA_OPTIONS,
  type CaptchalaEventName,
  type CaptchalaOptionName,
} from '@captchala-kit/element';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import * as react from '../src/index';
import { Captchala, type CaptchalaWidget, useCaptchala } from '../src/index';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
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

function widget(props: Record<string, unknown>): CaptchalaWidget {
  // The values are no valid settings: the element refuses them, loudly.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const { container } = render(<Captchala appKey="test_pass" {...(props as object)} />);
  return container.querySelector('captchala-widget')!;
}

/** A widget with its hook, handing out what the hook returned. */
function Widget(props: { onHook(hook: react.UseCaptchalaResult): void }) {
  const captchala = useCaptchala();
  props.onHook(captchala);
  return <Captchala ref={captchala.ref} appKey="test_pass" loading="interaction" />;
}

describe('every event of CAPTCHALA_EVENTS calls its on* prop with the event', () => {
  test.each(events)('%s', (name) => {
    const EventClass = CAPTCHALA_EVENTS[name];
    const handler = name === 'status' ? 'onStatusChange' : `on${name[0]!.toUpperCase()}${name.slice(1)}`;
    const heard = vi.fn();
    const element = widget({ loading: 'interaction', [handler]: heard });
    const event = new EventClass({ sentinel: name } as never);
    element.dispatchEvent(event);
    expect(event.type).toBe(`captchala-${name}`);
    expect(heard).toHaveBeenCalledWith(event);
  });
});

describe('every setting of CAPTCHALA_OPTIONS reaches the element', () => {
  test.each(options)('%s', (name) => {
    const element = widget({ [name]: valueFor(name) });
    const value = element[name];
    if (typeof valueFor(name) === 'function') expect(value).toBeTypeOf('function');
    else expect(value).toBe(valueFor(name));
  });
});

describe('the same surface as the element and Vue', () => {
  test('Product, CaptchalaStatus and LoadingStrategy are values here, as in the element', () => {
    expect(react.Product.Embed).toBe('embed');
    expect(react.CaptchalaStatus.Verified).toBe('verified');
    expect(react.LoadingStrategy.Visible).toBe('visible');
  });

  test('useCaptchala() returns the element, the whole snapshot, getToken and reset', async () => {
    let captchala: react.UseCaptchalaResult | undefined;
    const { container } = render(<Widget onHook={(hook) => (captchala = hook)} />);
    await vi.waitFor(() => expect(captchala?.element).toBe(container.querySelector('captchala-widget')));
    expect(Object.keys(captchala!).sort()).toEqual(
      ['element', 'error', 'expiresAt', 'getToken', 'issuedAt', 'ref', 'reset', 'status', 'token'].sort(),
    );
  });

  test('an invalid setting is reported by its prop name, as a React user wrote it', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <Captchala appKey="test_pass" tokenTtl={-5} onError={(event) => errors.push(event.detail.message)} />,
    );
    await vi.waitFor(() => expect(errors[0]).toMatch(/^tokenTtl="-5"/));
  });
});
