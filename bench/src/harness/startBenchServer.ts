import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, resolve as resolvePath } from 'node:path';
import { createFakeCaptchala, type FakeCaptchalaHandler } from '@captchala-kit/testing';

/** Where pages load the stand-in from: same origin, as `captchalaFake()` mounts it into a Vite server. */
export const STAND_IN_BASE = '/__captchala';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export interface BenchServer {
  url: string;
  /** The stand-in: `inspect()` (challenge fetches, served-file counts), `reset()`. */
  standIn: FakeCaptchalaHandler;
  close(): Promise<void>;
}

export interface StartBenchServerOptions {
  /** The built pages. */
  root: string;
  /** The stand-in's clock (default `Date.now`): the challenges benchmark moves it with the page's fake clock. */
  now?: () => number;
}

/**
 * Serves the built bench pages and the offline stand-in (under `/__captchala`) on 127.0.0.1, on a free port.
 * Every response is cross-origin isolated (COOP/COEP), so `performance.now()` has its fine resolution in the
 * pages. The server never keeps the process alive: it ends with the run even if `close()` is never reached.
 */
export async function startBenchServer(options: StartBenchServerOptions): Promise<BenchServer> {
  const { handler } = createFakeCaptchala({
    basePath: STAND_IN_BASE,
    ...(options.now ? { now: options.now } : {}),
  });
  const server = createServer(async (req, res) => {
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-embedder-policy', 'require-corp');
    if (await handler.handle(req, res)) return;
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://bench').pathname));
    const file = resolvePath(options.root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    try {
      if (!file.startsWith(resolvePath(options.root))) throw new Error('outside the pages');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    standIn: handler,
    close: () =>
      new Promise<void>((resolve) => {
        handler.releaseHanging();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs `use` with a bench server, which is closed afterwards whatever happens. */
export async function withBenchServer<T>(
  options: StartBenchServerOptions,
  use: (server: BenchServer) => Promise<T>,
): Promise<T> {
  const server = await startBenchServer(options);
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}
