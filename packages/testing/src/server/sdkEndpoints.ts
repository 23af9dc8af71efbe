import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeRefusal, type FakeState } from './FakeState';
import { CORS, HttpError, send } from './HttpError';
import { bool, readBody, str } from './readBody';

function remoteIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

/**
 * The fake SDK's private endpoints under `/sdk/` (`challenge`, `solve`), CORS-enabled since the SDK calls them
 * from the page's origin; refusals carry the SDK's `"message (code)"` string.
 */
export function createSdkEndpoints(state: FakeState) {
  return async function sdk(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, { error: 'method_not_allowed', message: 'use POST' });
    const body = await readBody(req, { style: 'plain' });
    try {
      if (path === '/sdk/challenge') {
        const challenge = state.createChallenge({
          appKey: str(body['appKey']) ?? '',
          action: str(body['action']) ?? 'default',
          serverToken: str(body['serverToken']),
          ip: remoteIp(req),
          early: bool(body['early']),
        });
        const app = challenge.app;
        return send(
          res,
          200,
          { challengeId: challenge.id, behaviour: app.behaviour, solveDelayMs: app.solveDelayMs },
          CORS,
        );
      }
      if (path === '/sdk/solve') {
        const record = state.solve({ challengeId: str(body['challengeId']) ?? '' });
        return send(
          res,
          200,
          { token: record.token, action: record.action, challengeId: record.challengeId },
          CORS,
        );
      }
    } catch (error) {
      if (error instanceof FakeRefusal) {
        throw new HttpError(400, { error: error.code, message: error.toSdkString() });
      }
      throw error;
    }
    throw new HttpError(404, { error: 'not_found', message: `no such endpoint: ${path}` });
  };
}
