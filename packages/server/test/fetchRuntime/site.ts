// The site backend that fetchRuntime.test.ts starts under each fetch-style runtime (bunSite.ts, denoSite.ts):
// `Request → Response` handlers only, no Node adapter, talking to the stand-in whose address is in the environment.
import {
  CaptchalaClient,
  CaptchalaHttpError,
  createServerTokenHandler,
  getClientIp,
  readCaptchalaToken,
  validationFailureResponse,
} from '../../src/index';

export interface SiteOptions {
  /** `bun 1.4.5`, `deno 2.9.6`: echoed by the submit route, so the test knows what ran. */
  runtime: string;
  env(name: string): string | undefined;
}

/** The site: `/api/server-token` and `/api/submit`. `peer` is the request's TCP peer, as the runtime's server reports it. */
export function createSite(
  options: SiteOptions,
): (request: Request, peer: string | undefined) => Promise<Response> {
  const env = (name: string) => {
    const value = options.env(name);
    if (!value) throw new Error(`site: ${name} is not set`);
    return value;
  };
  const client = new CaptchalaClient({
    appKey: env('CAPTCHALA_APP_KEY'),
    appSecret: env('CAPTCHALA_APP_SECRET'),
    baseUrl: env('CAPTCHALA_API_URL'),
    retries: 0,
  });
  const peers = new WeakMap<Request, string>();
  const serverToken = createServerTokenHandler({
    client,
    actions: ['login'],
    // The peer comes from the runtime's server, not the Request: getClientIp takes it as remoteAddress.
    bindTo: (request) => ({ ip: getClientIp(request, { remoteAddress: peers.get(request) }).ip }),
  });

  /** The fetch-style equivalent of createValidateMiddleware: read the token, validate, answer. */
  async function submit(request: Request): Promise<Response> {
    try {
      const { token, fields } = await readCaptchalaToken(request);
      const result = await client.validate(token, { expectedAction: 'login' });
      if (!result.valid) return validationFailureResponse(result);
      return Response.json({ passed: true, action: result.action, fields, runtime: options.runtime });
    } catch (error) {
      if (error instanceof CaptchalaHttpError) return error.toResponse();
      throw error;
    }
  }

  return (request, peer) => {
    if (peer) peers.set(request, peer);
    const { pathname } = new URL(request.url);
    if (pathname === '/api/server-token') return serverToken(request);
    if (pathname === '/api/submit') return submit(request);
    return Promise.resolve(new Response('not found', { status: 404 }));
  };
}
