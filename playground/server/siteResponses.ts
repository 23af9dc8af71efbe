import {
  CaptchalaConfigError,
  type NodeHandler,
  toNodeHandler,
  type WebHandler,
} from '@captchala-kit/server';

/** A JSON answer no cache keeps: verdicts and tokens are per request. */
export const json = (body: unknown, status = 200) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/** `{error: {code, message}}`, the shape of the kit's own error answers. */
export const refused = (status: number, code: string, message: string) =>
  json({ error: { code, message } }, status);

/** The id the site logged the request under: what a user quotes to support. */
export const withRequestId = (response: Response, id: string) => {
  response.headers.set('x-request-id', id);
  return response;
};

/**
 * A web handler under Node, bad input answered with a 4xx and a code, as the kit's handlers answer it:
 * `toNodeHandler` answers a `CaptchalaHttpError` itself; a bad app key (`CaptchalaConfigError`) is a 400 here.
 */
export function web(handler: WebHandler): NodeHandler {
  return toNodeHandler(async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof CaptchalaConfigError) return refused(400, error.code, error.message);
      throw error;
    }
  });
}
