import '@captchala-kit/element/define';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { fake, renderForm, standIn, status } from './helpers';

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  document.body.replaceChildren();
});

// Calling showCaptcha()/verify() before the SDK is ready makes the real SDK fetch a second challenge (and spend a
// server-token use); the stand-in does the same and counts such calls as `earlyChallenges`.
test.each(['embed', 'bind'])(
  '%s: callers arriving while a new instance loads all wait for ready: no challenge starts early',
  async (product) => {
    const appKey = `test_auto_pass~early-${product}`;
    const { widget } = renderForm({ attrs: `app-key="${appKey}" product="${product}"` });
    await status(widget, 'ready');
    if (product === 'embed') {
      fake('checkbox')!.click();
      await status(widget, 'verified');
    }
    // The first takes the held token (embed) or runs the first challenge (bind). The instance goes with that
    // hand-out; the next two callers arrive together: the first starts a new instance, the second finds it loading.
    const first = await widget.getToken();
    const tokens = [first, ...(await Promise.all([widget.getToken(), widget.getToken()]))];
    expect(new Set(tokens).size).toBe(3);
    const state = await standIn.inspect();
    expect(state.earlyChallenges[appKey]).toBeUndefined();
    for (const token of tokens) {
      expect(await standIn.siteValidate({ appKey, body: { captchala_token: token } })).toMatchObject({
        valid: true,
      });
    }
  },
);
