// Its own file, so the document has never loaded CaptchaLa before this test.
import '@captchala-kit/element/define';
import { expect, test } from 'vitest';
import { loaderSrc, render, standIn, status } from './helpers';

test('ten widgets on a page → one loader request, one SDK request, one loader tag', async () => {
  await standIn.reset();
  const widgets = Array.from(
    { length: 10 },
    (_, i) =>
      `<captchala-widget loader-src="${loaderSrc}" app-key="test_pass" product="${i % 2 ? 'embed' : 'popup'}"></captchala-widget>`,
  ).join('');
  const { host } = render(`<form>${widgets}</form>`);
  const all = [...host.querySelectorAll('captchala-widget')];
  expect(all).toHaveLength(10);
  for (const widget of all) await status(widget, 'ready');
  const state = await standIn.inspect();
  expect(state.fileRequests['/captchala-loader.js']).toBe(1);
  expect(state.fileRequests['/captchala.js']).toBe(1);
  expect(document.querySelectorAll('script[src*="captchala-loader.js"]')).toHaveLength(1);
});
