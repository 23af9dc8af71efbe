import type * as Http from 'node:http';
import { DEFAULTS } from '../DEFAULTS';
import type { Transport } from './postJson';

type HttpModule = typeof Http;

/**
 * True on Node itself: not Bun or Deno (their fetch is native and cheap), nor a Workers runtime with Node
 * compatibility (whose `node:http` is a shim over fetch).
 */
export function isNode(): boolean {
  const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process
    ?.versions;
  return (
    typeof versions?.['node'] === 'string' &&
    !versions['bun'] &&
    !versions['deno'] &&
    !('WebSocketPair' in globalThis)
  );
}

let modules: Promise<{ http: HttpModule; https: HttpModule }> | undefined;

/** `node:http` and `node:https`, loaded on first use (a specifier bundlers for other runtimes leave alone). */
function load() {
  const importNode = (name: string) => import(/* @vite-ignore */ name) as Promise<HttpModule>;
  modules ??= Promise.all([importNode('node:http'), importNode('node:https')]).then(([http, https]) => ({
    http,
    https,
  }));
  return modules;
}

/**
 * Over Node's own `http`/`https` and their global keep-alive agents (so `NODE_USE_ENV_PROXY` and agent settings
 * apply): about a quarter of the CPU of Node's `fetch`, which builds web streams, `Headers` and signal bookkeeping
 * for every call. Like the fetch transport, it follows no redirect and stops reading past the cap.
 */
export const nodeTransport: Transport = async ({ url, headers, body, signal }) => {
  const { http, https } = await load();
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size <= DEFAULTS.maxResponseBytes) return void chunks.push(chunk);
          resolve({ status, bytes: null });
          response.destroy();
        });
        response.on('end', () => resolve({ status, bytes: Buffer.concat(chunks, size) }));
        // Closed before its end: the connection broke mid-answer (a settled promise ignores this).
        response.on('close', () => {
          if (!response.complete)
            reject(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' }));
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
};
