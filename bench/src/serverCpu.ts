import { type ChildProcess, fork } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeCaptchala } from '@captchala-kit/testing';
import type { Benchmark } from './harness/Benchmark';
import { formatSpread, type Spread, spread } from './harness/stats';

const ROUNDS = 8;
const REQUESTS = 1500;
const CLIENTS = 32;
const APP_KEY = 'test_pass';
const SECRET = 'bench-secret-4c1d';
const VARIANTS = ['kit', 'kit-fetch', 'naive'] as const;
type Variant = (typeof VARIANTS)[number];

export interface ServerCpuResult {
  rounds: number;
  requests: number;
  clients: number;
  /** CPU time (user + system) the app server spent per request, µs. */
  cpuPerRequestUs: Record<Variant, Spread>;
  /** Per round, each kit route ÷ naive. */
  ratio: Record<Exclude<Variant, 'naive'>, Spread>;
}

/** The stand-in as the upstream, on 127.0.0.1, in this process (its CPU is not the app server's). */
async function startUpstream() {
  const fake = createFakeCaptchala({ appSecret: SECRET, passTokenTtlMs: 3_600_000 });
  const server = createServer((req, res) => void fake.handler.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Fresh pass tokens for `action: login`, minted the way a solve does. */
    mint(count: number): string[] {
      return Array.from({ length: count }, () => {
        const challenge = fake.state.createChallenge({ appKey: APP_KEY, action: 'login', ip: '127.0.0.1' });
        return fake.state.solve({ challengeId: challenge.id }).token;
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function startApp(upstream: string): Promise<{ child: ChildProcess; port: number }> {
  // The built package, as a site runs it: no source condition, no tsx.
  const { NODE_OPTIONS: _sourceConditions, ...inherited } = process.env;
  const env = { ...inherited, UPSTREAM: upstream, APP_KEY, APP_SECRET: SECRET };
  const child = fork(new URL('./harness/serverCpuApp.js', import.meta.url), { env, execArgv: [] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the app server exited (${code})`)));
    child.once('message', (message) => resolve({ child, port: (message as { port: number }).port }));
  });
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => {
      const { user, system } = (message as { cpu: NodeJS.CpuUsage }).cpu;
      resolve(user + system);
    });
    child.send('cpu');
  });
}

/** Posts each token as a form from `CLIENTS` keep-alive connections; every answer must be a 200. */
async function load(port: number, path: string, tokens: string[]): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  let next = 0;
  const post = (token: string) =>
    new Promise<void>((resolve, reject) => {
      const body = new URLSearchParams({ email: 'ada@example.test', captchala_token: token }).toString();
      const outgoing = request(
        {
          agent,
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
            'sec-fetch-site': 'same-origin',
          },
        },
        (response) => {
          response.resume();
          response.on('end', () =>
            response.statusCode === 200
              ? resolve()
              : reject(new Error(`server-cpu: ${path} answered ${response.statusCode}`)),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  const worker = async () => {
    while (next < tokens.length) await post(tokens[next++] as string);
  };
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  agent.destroy();
}

/**
 * CPU per request of a route guarded by `createValidateMiddleware` against the hand-written fetch verify, in one
 * Node app server (built package) with the stand-in as the upstream on 127.0.0.1 and 32 keep-alive clients. Rounds
 * alternate; the first of each is a warm-up. Only the app server's CPU counts (its own process).
 */
export const serverCpu: Benchmark<ServerCpuResult> = {
  name: 'server-cpu',
  title: 'Server CPU per validation',
  async run() {
    const upstream = await startUpstream();
    const { child, port } = await startApp(upstream.url);
    try {
      const samples: Record<Variant, number[]> = { kit: [], 'kit-fetch': [], naive: [] };
      for (let round = -1; round < ROUNDS; round++) {
        // A different order each round: no route always runs first (or right after another).
        const order = VARIANTS.map((_, index) => VARIANTS[(index + round + 1) % VARIANTS.length] as Variant);
        for (const variant of round % 2 === 0 ? order : order.reverse()) {
          const tokens = upstream.mint(REQUESTS);
          const before = await cpuOf(child);
          await load(port, `/${variant}`, tokens);
          const used = (await cpuOf(child)) - before;
          if (round >= 0) samples[variant].push(used / REQUESTS);
        }
      }
      const ratio = (variant: Variant) =>
        spread(samples[variant].map((value, index) => value / (samples.naive[index] as number)));
      return {
        rounds: ROUNDS,
        requests: REQUESTS,
        clients: CLIENTS,
        cpuPerRequestUs: {
          kit: spread(samples.kit),
          'kit-fetch': spread(samples['kit-fetch']),
          naive: spread(samples.naive),
        },
        ratio: { kit: ratio('kit'), 'kit-fetch': ratio('kit-fetch') },
      };
    } finally {
      child.send('exit');
      await upstream.close();
    }
  },
  report(result) {
    const { kit, naive } = result.cpuPerRequestUs;
    const overFetch = result.cpuPerRequestUs['kit-fetch'];
    const summary = [
      `CPU time (user + system) of one Node app server per validated form post, µs, median (min–max) of ${result.rounds}`,
      `rounds of ${result.requests} posts from ${result.clients} keep-alive clients; the upstream is the stand-in on`,
      "127.0.0.1, in the benchmark's process. The naive route is the tutorials' verify: read the form, `fetch` `/v1/validate`,",
      'trust `data.valid` (no deadline, no retry, no body cap, no cross-site check, no diagnostics).',
      '',
      '| route | µs CPU per request | ÷ naive |',
      '| --- | ---: | ---: |',
      `| \`createValidateMiddleware\` (built package; node:http to CaptchaLa, the default on Node) | ${formatSpread(kit, 0)} | **${formatSpread(result.ratio.kit)}** |`,
      `| the same over \`fetch\` (the fetch runtimes' transport) | ${formatSpread(overFetch, 0)} | ${formatSpread(result.ratio['kit-fetch'])} |`,
      `| hand-written fetch verify | ${formatSpread(naive, 0)} | 1 |`,
    ].join('\n');
    return { summary };
  },
};
