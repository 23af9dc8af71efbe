// Its own file: Malay's status texts fail to load here (say, the chunk is gone after a deploy, or the network is).
import '@captchala-kit/element/define';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fake, renderForm, standIn, status, statusLine } from './helpers';

vi.mock('../src/i18n/ms', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  document.body.replaceChildren();
});

test('a language that fails to load: English texts, and the status line says lang="en", not the one asked for', async () => {
  const { widget } = renderForm({ attrs: 'app-key="test_pass" product="popup"', wrapper: 'lang="ms"' });
  await status(widget, 'ready');
  await expect.poll(() => statusLine(widget)).toBe('Ready to verify');
  expect(widget.shadowRoot!.querySelector('[part="status"]')!.getAttribute('lang')).toBe('en');
  expect(fake('trigger')!.textContent).toBe('Klik untuk mengesahkan'); // the SDK still speaks Malay
});
