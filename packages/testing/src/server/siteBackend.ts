import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeState } from './FakeState';
import { HttpError, send } from './HttpError';
import { num, readBody, requireJson, str } from './readBody';

/**
 * Not CaptchaLa: a customer's site backend, for demos and tests, as official integrations build one, served
 * alongside the stand-in under the test-only `/__site/*` (reached only through `createFakeCaptchalaHandler`'s
 * same-origin check). It talks to the stand-in's state directly, never over the `/v1/*` API:
 * - `POST /__site/server-token?app_key=…[&ttl=…&max_uses=…]` answers `{server_token, expires_in, action}`
 *   (Flarum's shape, contract §5b);
 * - `POST /__site/validate?app_key=…[&field=…]` validates the `captchala_token` field (or `field`) of the posted
 *   body and answers `{valid, reason, fields}` (the other fields echoed);
 * - `POST /__site/status/<code>` answers that HTTP status with an HTML body: a broken site endpoint, for
 *   error-path tests.
 */
/**
 * The field `/__site/validate` reads by default: the element's default `name`. The stand-in depends on no kit package, so
 * it spells it here; scripts/test/tokenField.test.ts holds it equal to the element's and the server's.
 */
export const SITE_TOKEN_FIELD = 'captchala_token';

export function createSiteBackend(state: FakeState) {
  return async function site(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    url: URL,
  ): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, { error: 'method_not_allowed' });
    requireJson(req);
    const failing = /^\/__site\/status\/(\d{3})$/.exec(path);
    if (failing) {
      // What a misconfigured server-token route answers.
      res.writeHead(Number(failing[1]), { 'content-type': 'text/html' });
      res.end('<html><body>Internal Server Error</body></html>');
      return;
    }
    const appKey = url.searchParams.get('app_key') ?? '';
    try {
      state.app(appKey);
    } catch {
      throw new HttpError(400, { error: 'invalid_app_key', message: `unknown app_key "${appKey}"` });
    }
    const body = await readBody(req, { style: 'plain' });
    if (path === '/__site/server-token') {
      const action = str(body['action']) ?? 'default';
      const record = state.issueServerToken({
        appKey,
        action,
        maxUses: num(url.searchParams.get('max_uses')),
        ttlS: num(url.searchParams.get('ttl')),
      });
      return send(res, 200, {
        server_token: record.token,
        expires_in: (record.expiresAt - record.issuedAt) / 1000,
        action,
      });
    }
    if (path === '/__site/validate') {
      const field = url.searchParams.get('field') ?? SITE_TOKEN_FIELD;
      const result = state.validate({ appKey, passToken: str(body[field]) ?? '', keepToken: false });
      const { [field]: _token, ...fields } = body;
      return send(res, 200, { valid: result.valid, reason: result.valid ? null : result.reason, fields });
    }
    throw new HttpError(404, { error: 'not_found' });
  };
}
