// Its own file, so the document has never loaded CaptchaLa before this test.
import '@captchala-kit/element/define';
import { expect, test } from 'vitest';
import { control, loaderSrc, render, until } from './helpers';

test('ten widgets on a page → one loader request, one SDK request, one loader tag', async () => {
  await control('reset');
  const widgets = Array.from(
    { length: 10 },
    (_, i) =>
      `<captchala-widget loader-src="${loaderSrc}" app-key="test_pass" product="${i % 2 ? 'embed' : 'popup'}"></captchala-widget>`,
  ).join('');
  const { host } = render(`<form>${widgets}</form>`);
  const all = [...host.querySelectorAll('captchala-widget')];
  await until(() => all.every((widget) => widget.status === 'ready'), 'all ready');
  const state = await control('inspect');
  expect(state.fileRequests['/captchala-loader.js']).toBe(1);
  expect(state.fileRequests['/captchala.js']).toBe(1);
  expect(document.querySelectorAll('script[src*="captchala-loader.js"]')).toHaveLength(1);
});
