// The Playwright fixture users get from @captchala-kit/testing: a stand-in per worker, no playground needed.
import { expect, test } from '@captchala-kit/testing/playwright';

test('the captchala fixture: load the loader, solve, validate once over its API', async ({
  page,
  captchala,
}) => {
  await page.goto(`${captchala.url}/__control/inspect`); // any page on a real origin
  await page.setContent(`<div id="c"></div><output id="token"></output>
    <script src="${captchala.loaderUrl}"></script>
    <script>
      loadCaptchala(() => {
        Captchala.init({ appKey: 'test_pass', product: 'popup', action: 'fixture' })
          .onSuccess((result) => { document.querySelector('#token').textContent = result.token; })
          .appendTo('#c');
      });
    </script>`);
  await captchala.solve(page);
  await expect(page.locator('#token')).toHaveText(/^pt_/);
  const token = await page.locator('#token').textContent();
  const validate = () =>
    page.request.post(`${captchala.apiUrl}/v1/validate`, {
      headers: { 'x-app-key': 'test_pass', 'x-app-secret': captchala.appSecret },
      data: { pass_token: token },
    });
  expect((await (await validate()).json()).data).toMatchObject({ valid: true, action: 'fixture' });
  expect((await (await validate()).json()).data).toEqual({ valid: false, error: 'token_consumed' });
  expect(captchala.inspect().passTokens.find((t) => t.token === token)).toMatchObject({
    consumed: true,
    validations: 2,
  });
});
