// A site backend on Bun, a fetch-style runtime: `Request → Response` handlers only, no Node adapter. Started by
// fetchRuntime.test.ts with the stand-in's address in the environment; prints the URL it listens on.
import {
  CaptchalaClient,
  CaptchalaHttpError,
  createServerTokenHandler,
  getClientIp,
  readCaptchalaToken,
  validationFailureResponse,
} from '../../src/index';

/** The part of Bun's API this site uses (the repo's types are Node's). */
declare const Bun: {
  serve(options: {
    hostname: string;
    port: number;
    fetch(
      request: Request,
      server: { requestIP(request: Request): { address: string } | null },
    ): Promise<Response>;
  }): { url: URL };
  version: string;
};

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`bunSite: ${name} is not set`);
  return value;
};

const client = new CaptchalaClient({
  appKey: env('CAPTCHALA_APP_KEY'),
  appSecret: env('CAPTCHALA_APP_SECRET'),
  baseUrl: env('CAPTCHALA_API_URL'),
  retries: 0,
});

/** Each request's TCP peer, as Bun's server reported it. */
const peers = new WeakMap<Request, string>();
const serverToken = createServerTokenHandler({
  client,
  actions: ['login'],
  // Bun gives the peer through the server, not the Request: getClientIp takes it as remoteAddress.
  bindTo: (request) => ({ ip: getClientIp(request, { remoteAddress: peers.get(request) }).ip }),
});

/** The fetch-style equivalent of createValidateMiddleware: read the token, validate, answer. */
async function submit(request: Request): Promise<Response> {
  try {
    const { token, fields } = await readCaptchalaToken(request);
    const result = await client.validate(token, { expectedAction: 'login' });
    if (!result.valid) return validationFailureResponse(result);
    return Response.json({ passed: true, action: result.action, fields, runtime: `bun ${Bun.version}` });
  } catch (error) {
    if (error instanceof CaptchalaHttpError) return error.toResponse();
    throw error;
  }
}

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch(request, bun) {
    const peer = bun.requestIP(request)?.address;
    if (peer) peers.set(request, peer);
    const { pathname } = new URL(request.url);
    if (pathname === '/api/server-token') return serverToken(request);
    if (pathname === '/api/submit') return submit(request);
    return Promise.resolve(new Response('not found', { status: 404 }));
  },
});
console.log(`listening ${server.url.origin}`);
