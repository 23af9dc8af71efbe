// Its own file: the first loader URL asked for wins for a document, and this one is broken.
import '@captchala-kit/element/define';
import { afterEach, expect, test, vi } from 'vitest';
import { allowLoaderOrigins } from '../src/index';
import { baseUrl, events, render } from './helpers';

// A loader URL that 404s: named like any self-hosted one, or it would be refused before any request.
const missing = `${baseUrl}/missing/captchala-loader.js`;
allowLoaderOrigins([new URL(missing, location.href).href]);

afterEach(() => {
  vi.restoreAllMocks(); // also when the test failed half-way
});

test('loader 404 → captchala-error with a loader code, and the form is never submitted', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const { form, widget } = render(`<form>
      <input name="email" value="kept@example.test" />
      <captchala-widget loader-src="${missing}" app-key="test_pass"></captchala-widget>
      <button name="go">Go</button>
    </form>`);
  let submitted = 0;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitted += 1;
  });
  const log = events(widget, 'captchala-error');
  await expect.poll(() => log.length, { timeout: 8_000 }).toBe(1);
  expect(log[0]!.detail.code).toBe('loader_network_error');
  expect(log[0]!.detail.message).toMatch(/could not be fetched/);
  expect(widget.status).toBe('error');
  form.querySelector<HTMLButtonElement>('button[name="go"]')!.click();
  await expect.poll(() => log.length, { timeout: 8_000 }).toBe(2); // the retry on submit fails too, and says so
  expect(submitted).toBe(0);
  expect(form.querySelector('input')!.value).toBe('kept@example.test');
  expect(document.querySelectorAll('script[src*="captchala-loader.js"]')).toHaveLength(0);
}, 20_000);
