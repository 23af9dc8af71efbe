// The app server of the server-cpu benchmark, in a process of its own so its CPU time is its alone. Plain
// JavaScript on the built package (no source condition, no tsx): what a site runs. Routes with the same work
// around them: `/kit` behind `createValidateMiddleware` (node:http to CaptchaLa, the default on Node),
// `/kit-fetch` the same over `fetch`, `/naive` the hand-written fetch verify every CaptchaLa tutorial shows. The
// parent asks for `process.cpuUsage()` over IPC between rounds.
import { createServer } from 'node:http';
import { CaptchalaClient, createValidateMiddleware } from '@captchala-kit/server';

const env = (/** @type {string} */ name) => {
  const value = process.env[name];
  if (!value) throw new Error(`serverCpuApp: ${name} is not set`);
  return value;
};
const UPSTREAM = env('UPSTREAM');
const APP_KEY = env('APP_KEY');
const APP_SECRET = env('APP_SECRET');
const client = new CaptchalaClient({ appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: UPSTREAM });
const guard = createValidateMiddleware({ client, expectedAction: 'login' });
// The same middleware over `fetch`, the transport the kit uses on fetch runtimes (and when given one).
const overFetch = new CaptchalaClient({
  appKey: APP_KEY,
  appSecret: APP_SECRET,
  baseUrl: UPSTREAM,
  fetch: (input, init) => fetch(input, init),
});
const guardOverFetch = createValidateMiddleware({ client: overFetch, expectedAction: 'login' });

/** @typedef {import('node:http').ServerResponse} ServerResponse */

const welcome = (/** @type {ServerResponse} */ res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"ok":true}');
};

/**
 * The tutorial's verify: read the form, POST the token to /v1/validate, trust `data.valid`.
 * @param {import('node:http').IncomingMessage} req
 * @param {ServerResponse} res
 */
async function naive(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  const answer = await fetch(`${UPSTREAM}/v1/validate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-app-key': APP_KEY, 'x-app-secret': APP_SECRET },
    body: JSON.stringify({ pass_token: form.get('captchala_token'), keep_token: false }),
  });
  const json = await answer.json();
  if (json?.data?.valid === true && json.data.action === 'login') return welcome(res);
  res.statusCode = 403;
  res.end('{"error":"invalid"}');
}

const server = createServer((req, res) => {
  if (req.url === '/kit') return guard(req, res, () => welcome(res));
  if (req.url === '/kit-fetch') return guardOverFetch(req, res, () => welcome(res));
  if (req.url === '/naive') return void naive(req, res).catch(() => res.destroy());
  res.statusCode = 404;
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  process.send?.({ port: address.port });
});
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (message === 'exit') process.exit(0);
});
process.on('disconnect', () => process.exit(0));
