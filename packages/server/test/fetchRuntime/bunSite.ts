// The test site (site.ts) on Bun. Started by fetchRuntime.test.ts; prints the URL it listens on.
import { createSite } from './site';

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
  env: Record<string, string | undefined>;
  version: string;
};

const site = createSite({ runtime: `bun ${Bun.version}`, env: (name) => Bun.env[name] });
const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch: (request, bun) => site(request, bun.requestIP(request)?.address),
});
console.log(`listening ${server.url.origin}`);
