import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeCaptchala, type FakeCaptchalaOptions } from './createFakeCaptchala';
import type { FakeApiMode } from './server/createFakeCaptchalaHandler';
import type { FakeInspection, ServerTokenRecord } from './server/FakeState';

export interface StartFakeCaptchalaOptions extends FakeCaptchalaOptions {
  /** Port on 127.0.0.1 (default 0: a free one). */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /**
   * `Host` header names answered (default: `localhost`, `127.0.0.1`, `[::1]` and `host`). Any other gets 403: a
   * page on another site cannot reach the stand-in through DNS rebinding.
   */
  allowedHosts?: readonly string[];
}

export interface FakeCaptchala {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** What pages load instead of `https://cdn.captcha-cdn.net/captchala-loader.js`. */
  loaderUrl: string;
  sdkUrl: string;
  /** What servers use instead of `https://apiv1.captcha.la`. */
  apiUrl: string;
  /** The secret every test app key accepts. */
  appSecret: string;
  /** Issued/validated tokens with ages, served-file counts, the API mode: plain data for assertions. */
  inspect(): FakeInspection & { mode: FakeApiMode; fileRequests: Record<string, number> };
  /** Makes `/v1/*` answer normally, with 503s, never, or rejecting the secret. */
  setMode(mode: FakeApiMode): void;
  /** Issues a server token directly (as `/v1/server/challenge/issue` would). */
  issueServerToken(input: {
    appKey: string;
    action: string;
    ttlS?: number;
    maxUses?: number;
    bindIp?: string;
  }): ServerTokenRecord;
  /** Forgets every token and counter; mode back to `ok`. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts the offline CaptchaLa on 127.0.0.1 over real HTTP. */
export async function startFakeCaptchala(options: StartFakeCaptchalaOptions = {}): Promise<FakeCaptchala> {
  const { port = 0, host = '127.0.0.1', allowedHosts = [], ...rest } = options;
  const fake = createFakeCaptchala(rest);
  const names = new Set(
    ['localhost', '127.0.0.1', '[::1]', host, ...allowedHosts].map((name) => name.toLowerCase()),
  );
  const server = createServer((req, res) => {
    const name = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!names.has(name)) {
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({
          error: 'host_not_allowed',
          message: `Host "${name}" is not allowed: add it to allowedHosts (or --allowed-host) if you mean it.`,
        }),
      );
      return;
    }
    fake.handler.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: actualPort } = server.address() as AddressInfo;
  const url = `http://${host}:${actualPort}${rest.basePath ?? ''}`;
  return {
    url,
    loaderUrl: `${url}/captchala-loader.js`,
    sdkUrl: `${url}/captchala.js`,
    apiUrl: url,
    appSecret: fake.appSecret,
    inspect: () => fake.handler.inspect(),
    setMode: (mode) => fake.handler.setMode(mode),
    issueServerToken: (input) => fake.state.issueServerToken(input),
    reset: () => fake.handler.reset(),
    close: () =>
      new Promise<void>((resolve) => {
        fake.handler.releaseHanging();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
