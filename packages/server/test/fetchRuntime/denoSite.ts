// The test site (site.ts) on Deno. Started by fetchRuntime.test.ts; prints the URL it listens on.
import { createSite } from './site';

/** The part of Deno's API this site uses (the repo's types are Node's). */
declare const Deno: {
  serve(
    options: { hostname: string; port: number; onListen(address: { hostname: string; port: number }): void },
    handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Promise<Response>,
  ): unknown;
  env: { get(name: string): string | undefined };
  version: { deno: string };
};

const site = createSite({ runtime: `deno ${Deno.version.deno}`, env: (name) => Deno.env.get(name) });
Deno.serve(
  {
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ hostname, port }) => console.log(`listening http://${hostname}:${port}`),
  },
  (request, info) => site(request, info.remoteAddr.hostname),
);
