// Its own file: the page already has the loader tag a CMS put there, with a cache-busting query string.
import '@captchala-kit/element/define';
import { expect, test } from 'vitest';
import { loaderSrc, render, standIn, status } from './helpers';

test('a CMS loader tag with ?ver=… is recognised by origin and path: no second loader tag, one request', async () => {
  await standIn.reset();
  const cms = document.createElement('script');
  cms.src = `${loaderSrc}?ver=6.4.2`;
  document.head.append(cms);
  const { widget } = render(
    `<form><captchala-widget loader-src="${loaderSrc}" app-key="test_pass"></captchala-widget></form>`,
  );
  await status(widget, 'ready');
  expect(document.querySelectorAll('script[src*="captchala-loader.js"]')).toHaveLength(1);
  const state = await standIn.inspect();
  expect(state.fileRequests['/captchala-loader.js']).toBe(1);
  expect(state.fileRequests['/captchala.js']).toBe(1);
});
