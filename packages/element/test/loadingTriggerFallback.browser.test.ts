import '@captchala-kit/element/define';
import { afterEach, beforeEach, test, vi } from 'vitest';
import { renderForm, standIn, status } from './helpers';

// The chunk that waits for `visible`/`interaction` cannot be loaded (a deploy removed it, the network dropped).
vi.mock('../src/waitForLoadingTrigger', () => {
  throw new Error('chunk unavailable');
});

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  document.body.replaceChildren();
});

test('loading="interaction" whose waiting code cannot be loaded starts at once rather than never', async () => {
  const { widget } = renderForm({ attrs: 'app-key="test_pass" product="popup" loading="interaction"' });
  await status(widget, 'ready');
});
