import { describe, expect, test } from 'vitest';
import { CAPTCHALA_EVENTS, CAPTCHALA_OPTIONS, CaptchalaWidget, optionAttribute } from '../src/index';

describe('the tables the wrappers derive from', () => {
  test.each(Object.entries(CAPTCHALA_EVENTS))(
    '%s: its class makes `captchala-<name>`, bubbling and composed',
    (name, EventClass) => {
      const event = new EventClass({} as never);
      expect(event).toMatchObject({ type: `captchala-${name}`, bubbles: true, composed: true });
    },
  );

  test('CAPTCHALA_OPTIONS is the element’s own property declarations', () => {
    expect(CaptchalaWidget.properties).toBe(CAPTCHALA_OPTIONS);
  });

  test('optionAttribute: the declared name, else the lowercased one; false for a property only', () => {
    expect(optionAttribute('appKey')).toBe('app-key');
    expect(optionAttribute('action')).toBe('action');
    expect(optionAttribute('serverTokenProvider')).toBe(false);
  });
});
