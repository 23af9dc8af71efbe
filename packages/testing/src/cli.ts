#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { isLoopbackHost } from './isLoopbackHost';
import { startFakeCaptchala } from './startFakeCaptchala';
import { TEST_APP_KEYS } from './testApps';

const USAGE = `Usage: captchala-fake [--port 8787] [--host 127.0.0.1] [--allowed-host name]… [--pass-token-ttl-ms 120000] [--server-token-ttl-s 300]

Runs the offline CaptchaLa stand-in until SIGINT/SIGTERM.`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'allowed-host': { type: 'string', multiple: true },
    'pass-token-ttl-ms': { type: 'string' },
    'server-token-ttl-s': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got "${value}"\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

if (values.help) {
  console.log(USAGE);
} else {
  if (!isLoopbackHost(values.host)) {
    console.warn(
      `\n  ⚠ captchala-fake: listening on ${values.host} makes the stand-in and its /__control endpoints reachable from the network. Use a trusted network only, or --host 127.0.0.1.\n`,
    );
  }
  const fake = await startFakeCaptchala({
    port: positive('port', values.port),
    host: values.host,
    allowedHosts: values['allowed-host'] ?? [],
    passTokenTtlMs: positive('pass-token-ttl-ms', values['pass-token-ttl-ms']),
    serverTokenTtlS: positive('server-token-ttl-s', values['server-token-ttl-s']),
  });
  console.log(`Offline CaptchaLa running
  loader:  ${fake.loaderUrl}
  API:     ${fake.apiUrl}  (X-App-Secret: ${fake.appSecret})
  keys:    ${Object.values(TEST_APP_KEYS).join(', ')}, test_ttl_<s>, test_slow_<ms>
  inspect: ${fake.url}/__control/inspect`);
  const stop = () => fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
