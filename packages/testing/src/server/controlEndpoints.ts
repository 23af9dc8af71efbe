import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeApiMode } from './captchalaApi';
import { HttpError, send } from './HttpError';
import { readBody, requireJson, str } from './readBody';

/** What the control endpoints steer: the stand-in's handler. */
export interface Steerable {
  readonly mode: FakeApiMode;
  setMode(mode: FakeApiMode): void;
  reset(): void;
  inspect(): unknown;
}

/**
 * Test-only `/__control/*`: inspect (`GET inspect`) and steer (`POST mode`, `POST reset`) the stand-in from browser
 * tests and pages. Reached only through `createFakeCaptchalaHandler`'s same-origin check.
 */
export function createControlEndpoints(target: Steerable) {
  return async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/__control/inspect' && req.method === 'GET') {
      return send(res, 200, target.inspect());
    }
    if (req.method !== 'POST') throw new HttpError(405, { error: 'method_not_allowed' });
    requireJson(req);
    const body = await readBody(req, { style: 'plain' });
    if (path === '/__control/mode') {
      const next = str(body['mode']);
      if (!Object.values(FakeApiMode).includes(next as FakeApiMode)) {
        throw new HttpError(400, {
          error: 'invalid_mode',
          message: `mode must be one of ${Object.values(FakeApiMode)}`,
        });
      }
      target.setMode(next as FakeApiMode);
      return send(res, 200, { mode: target.mode });
    }
    if (path === '/__control/reset') {
      target.reset();
      return send(res, 200, { reset: true });
    }
    throw new HttpError(404, { error: 'not_found' });
  };
}
