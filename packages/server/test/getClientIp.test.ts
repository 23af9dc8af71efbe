import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forwardedFromRight, xForwardedForFromRight } from '../src/clientIp/parseForwarded';
import { formatIp, parseIp } from '../src/clientIp/parseIp';
import { type ClientIp, type GetClientIpOptions, getClientIp, toNodeHandler } from '../src/index';

const PROXY = '10.0.0.2';
const node = (headers: Record<string, string | string[]>, remoteAddress: string | undefined = PROXY) => ({
  headers,
  socket: { remoteAddress },
});
const ip = (headers: Record<string, string | string[]>, options: GetClientIpOptions, peer?: string) =>
  getClientIp(node(headers, peer), options);

describe('parseIp / formatIp', () => {
  test.each([
    ['203.0.113.195', '203.0.113.195'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:7f00:1', '127.0.0.1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3:8d3:1319:8a2e:370:7348'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['fe80::1%eth0', 'fe80::1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
  ])('%s → %s', (text, canonical) => {
    const bytes = parseIp(text);
    expect(bytes && formatIp(bytes)).toBe(canonical);
  });

  test.each([
    '1.2.3.04',
    '256.1.1.1',
    '1.2.3',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    ':1:2:3:4:5:6:7',
    'unknown',
    '',
    '1:2:3:4:5:6:7:8::',
    '::ffff:1.2.3.256',
  ])('%j is no address', (text) => {
    expect(parseIp(text)).toBeNull();
  });
});

describe('forwardedFromRight (RFC 7239)', () => {
  const hops = (value: string) => [...forwardedFromRight(value)];
  test('the MDN examples, from the right', () => {
    expect(hops('for="_mdn"')).toEqual(['_mdn']);
    expect(hops('For="[2001:db8:cafe::17]:4711"')).toEqual(['[2001:db8:cafe::17]:4711']);
    expect(hops('for=192.0.2.60;proto=http;by=203.0.113.43')).toEqual(['192.0.2.60']);
    expect(hops('for=192.0.2.43, for=198.51.100.17')).toEqual(['198.51.100.17', '192.0.2.43']);
  });

  test('quoted strings hold separators and escapes; an element that does not parse ends the list with null', () => {
    expect(hops('for="a,b;c\\"d";proto=https, by=x')).toEqual(['', 'a,b;c"d']);
    expect(hops('for=6.6.6.6, for="x, for=192.0.2.1')).toEqual(['192.0.2.1', null]);
    expect(hops('for=1.2.3.4;for=5.6.7.8')).toEqual([null]);
    expect(hops('for=2001:db8::1')).toEqual([null]);
    expect(hops('for=1.2.3.4,')).toEqual([null]);
    expect(hops('for=1.2.3.4, garbage(, for=5.6.7.8')).toEqual(['5.6.7.8', null]);
    expect(hops('')).toEqual([]);
  });

  test('only what is read is parsed: a caller that stops early never meets the broken part', () => {
    const iterator = forwardedFromRight('for="unterminated, for=198.51.100.7');
    expect(iterator.next()).toEqual({ value: '198.51.100.7', done: false });
  });
});

describe('xForwardedForFromRight', () => {
  test('right to left, trimmed, nothing for an empty header', () => {
    expect([...xForwardedForFromRight(' 6.6.6.6 ,198.51.100.7, 10.0.0.1')]).toEqual([
      '10.0.0.1',
      '198.51.100.7',
      '6.6.6.6',
    ]);
    expect([...xForwardedForFromRight('  ')]).toEqual([]);
  });
});

describe('getClientIp', () => {
  test('by default the socket peer is the client, whatever the headers say', () => {
    expect(ip({ 'x-forwarded-for': '6.6.6.6' }, {}, '198.51.100.7')).toEqual({
      ip: '198.51.100.7',
      source: 'socket',
    });
    expect(ip({}, {}, '::ffff:192.0.2.1')).toEqual({ ip: '192.0.2.1', source: 'socket' });
    expect(getClientIp({ headers: {}, socket: { remoteAddress: undefined } })).toEqual({
      ip: null,
      source: 'none',
    });
  });

  describe('the MDN X-Forwarded-For examples', () => {
    test('one proxy: the rightmost entry is the client', () => {
      expect(ip({ 'x-forwarded-for': '2001:db8:85a3:8d3:1319:8a2e:370:7348' }, { trustProxy: 1 })).toEqual({
        ip: '2001:db8:85a3:8d3:1319:8a2e:370:7348',
        source: 'x-forwarded-for',
      });
      expect(ip({ 'x-forwarded-for': '203.0.113.195' }, { trustProxy: 1 }).ip).toBe('203.0.113.195');
    });

    test('client and proxy: two proxies in front reach the client, one stops at the proxy', () => {
      const headers = { 'x-forwarded-for': '203.0.113.195, 2001:db8:85a3:8d3:1319:8a2e:370:7348' };
      expect(ip(headers, { trustProxy: 2 }).ip).toBe('203.0.113.195');
      expect(ip(headers, { trustProxy: 1 }).ip).toBe('2001:db8:85a3:8d3:1319:8a2e:370:7348');
    });

    test('client and two proxies, by count and by trusted list', () => {
      const headers = {
        'x-forwarded-for': '203.0.113.195,2001:db8:85a3:8d3:1319:8a2e:370:7348,198.51.100.178',
      };
      expect(ip(headers, { trustProxy: 3 }).ip).toBe('203.0.113.195');
      const trusted = ['10.0.0.0/8', '198.51.100.0/24', '2001:db8:85a3::/48'];
      expect(ip(headers, { trustProxy: trusted })).toEqual({
        ip: '203.0.113.195',
        source: 'x-forwarded-for',
      });
    });
  });

  describe('spoofing', () => {
    test('values a client prepends are never reached', () => {
      const honest = '203.0.113.195,198.51.100.178';
      for (const forged of ['6.6.6.6', '6.6.6.6, 7.7.7.7', '::1', 'garbage', '127.0.0.1']) {
        const headers = { 'x-forwarded-for': `${forged}, ${honest}` };
        expect(ip(headers, { trustProxy: 2 }).ip).toBe('203.0.113.195');
        expect(ip(headers, { trustProxy: ['10.0.0.0/8', '198.51.100.0/24'] }).ip).toBe('203.0.113.195');
      }
    });

    test('split across repeated headers: one list, still read from the right', () => {
      const headers = { 'x-forwarded-for': ['6.6.6.6', '203.0.113.195'] };
      expect(ip(headers, { trustProxy: 1 }).ip).toBe('203.0.113.195');
    });

    test('a direct connection from outside the trusted list gets its headers ignored', () => {
      const headers = { 'x-forwarded-for': '6.6.6.6' };
      expect(ip(headers, { trustProxy: ['10.0.0.0/8'] }, '203.0.113.9')).toEqual({
        ip: '203.0.113.9',
        source: 'socket',
      });
    });

    test('the header the proxies do not write is ignored', () => {
      const headers = { forwarded: 'for=6.6.6.6', 'x-forwarded-for': '203.0.113.195' };
      expect(ip(headers, { trustProxy: 1 }).ip).toBe('203.0.113.195');
      expect(ip({ 'x-forwarded-for': '6.6.6.6' }, { trustProxy: 1, forwardedHeader: 'forwarded' })).toEqual({
        ip: PROXY,
        source: 'socket',
      });
    });

    test("a client's broken Forwarded fragment neither smuggles a hop nor spoils the proxy's", () => {
      const headers = { forwarded: 'for=6.6.6.6, for="x, for=203.0.113.195' };
      expect(ip(headers, { trustProxy: 1, forwardedHeader: 'forwarded' })).toEqual({
        ip: '203.0.113.195',
        source: 'forwarded',
      });
      // Two hops deep, the broken part is where the client must be: no address, never 6.6.6.6.
      expect(ip(headers, { trustProxy: 2, forwardedHeader: 'forwarded' })).toEqual({
        ip: null,
        source: 'forwarded',
      });
    });

    test('garbage where the trusted proxy should have written the client is no address', () => {
      expect(ip({ 'x-forwarded-for': 'unknown' }, { trustProxy: 1 })).toEqual({
        ip: null,
        source: 'x-forwarded-for',
      });
    });
  });

  test('Forwarded: quoted IPv6 with brackets and ports, obfuscated identifiers', () => {
    const options = { trustProxy: 2, forwardedHeader: 'forwarded' } as const;
    expect(ip({ forwarded: 'for="[2001:db8:cafe::17]:4711", for=198.51.100.17' }, options)).toEqual({
      ip: '2001:db8:cafe::17',
      source: 'forwarded',
    });
    expect(ip({ forwarded: 'for="192.0.2.43:47011";proto=https, for=198.51.100.17' }, options).ip).toBe(
      '192.0.2.43',
    );
    expect(ip({ forwarded: 'for="_mdn", for=198.51.100.17' }, options).ip).toBeNull();
  });

  test('ports and brackets in X-Forwarded-For entries', () => {
    expect(ip({ 'x-forwarded-for': '203.0.113.195:41237' }, { trustProxy: 1 }).ip).toBe('203.0.113.195');
    expect(ip({ 'x-forwarded-for': '[2001:db8::1]:443' }, { trustProxy: 1 }).ip).toBe('2001:db8::1');
  });

  test('IPv6 and IPv4-mapped proxies in CIDR lists', () => {
    const headers = { 'x-forwarded-for': '203.0.113.195' };
    expect(ip(headers, { trustProxy: ['2001:db8::/32'] }, '2001:db8:1::5').ip).toBe('203.0.113.195');
    expect(ip(headers, { trustProxy: ['2001:db8::/32'] }, '2001:db9::5').ip).toBe('2001:db9::5');
    expect(ip(headers, { trustProxy: ['::ffff:10.0.0.0/104'] }, '10.1.2.3').ip).toBe('203.0.113.195');
    expect(ip(headers, { trustProxy: ['10.0.0.0/8'] }, '::ffff:10.1.2.3').ip).toBe('203.0.113.195');
    expect(ip(headers, { trustProxy: ['10.0.0.2'] }, '10.0.0.3').ip).toBe('10.0.0.3');
    expect(ip(headers, { trustProxy: ['10.0.0.0/31'] }, '10.0.0.1').ip).toBe('203.0.113.195');
  });

  test('a trusted peer that forwarded nothing is the only address there is', () => {
    expect(ip({}, { trustProxy: 1 })).toEqual({ ip: PROXY, source: 'socket' });
  });

  test('web Requests: the peer comes from the runtime; a hop count needs none', () => {
    const request = new Request('http://app.test/', {
      headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.195' },
    });
    expect(getClientIp(request, { remoteAddress: '198.51.100.1' })).toEqual({
      ip: '198.51.100.1',
      source: 'socket',
    });
    expect(getClientIp(request, { trustProxy: 1 })).toEqual({
      ip: '203.0.113.195',
      source: 'x-forwarded-for',
    });
    expect(() => getClientIp(request)).toThrow(/remoteAddress/);
    expect(() => getClientIp(request, { trustProxy: ['10.0.0.0/8'] })).toThrow(/remoteAddress/);
  });

  test.each([[-1], [1.5], [['nonsense']], [['10.0.0.0/33']], [['::ffff:10.0.0.0/90']], [[42]], ['yes']])(
    'trustProxy %j is a programmer error',
    (trustProxy) => {
      expect(() => ip({}, { trustProxy: trustProxy as never })).toThrow(TypeError);
    },
  );

  test('a real Node request: the socket peer, and the header only behind a trusted proxy', async () => {
    const seen: Array<ReturnType<typeof getClientIp>> = [];
    const server = createServer((req: IncomingMessage, res) => {
      seen.push(getClientIp(req), getClientIp(req, { trustProxy: ['127.0.0.1', '::1'] }));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.195' } });
    await new Promise((resolve) => server.close(resolve));
    expect(seen).toEqual([
      { ip: '127.0.0.1', source: 'socket' },
      { ip: '203.0.113.195', source: 'x-forwarded-for' },
    ]);
  });
});

/** Whether this machine can listen on `address` (IPv6 loopback may be disabled). */
async function canListen(address: string): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, address, () => probe.close(() => resolve(true)));
  });
}

/** The peer placeholder in expectations: the loopback address the real client connected from. */
const PEER = 'peer';
/** The trusted proxy of these tests is the real client itself, on either loopback. */
const LOOPBACKS = ['127.0.0.1', '::1'];

/** Forged and honest forwarding headers, sent by a real client to a real server: [name, headers, options, expected]. */
const OVER_HTTP: Array<[string, OutgoingHttpHeaders, GetClientIpOptions, ClientIp]> = [
  [
    'MDN: one proxy, an IPv6 client',
    { 'x-forwarded-for': '2001:db8:85a3:8d3:1319:8a2e:370:7348' },
    { trustProxy: 1 },
    { ip: '2001:db8:85a3:8d3:1319:8a2e:370:7348', source: 'x-forwarded-for' },
  ],
  [
    'MDN: one proxy, an IPv4 client',
    { 'x-forwarded-for': '203.0.113.195' },
    { trustProxy: 1 },
    { ip: '203.0.113.195', source: 'x-forwarded-for' },
  ],
  [
    'MDN: client and proxy, two hops trusted',
    { 'x-forwarded-for': '203.0.113.195, 2001:db8:85a3:8d3:1319:8a2e:370:7348' },
    { trustProxy: 2 },
    { ip: '203.0.113.195', source: 'x-forwarded-for' },
  ],
  [
    'MDN: client and proxy, one hop trusted stops at the proxy',
    { 'x-forwarded-for': '203.0.113.195, 2001:db8:85a3:8d3:1319:8a2e:370:7348' },
    { trustProxy: 1 },
    { ip: '2001:db8:85a3:8d3:1319:8a2e:370:7348', source: 'x-forwarded-for' },
  ],
  [
    'MDN: client and two proxies, by hop count',
    { 'x-forwarded-for': '203.0.113.195,2001:db8:85a3:8d3:1319:8a2e:370:7348,198.51.100.178' },
    { trustProxy: 3 },
    { ip: '203.0.113.195', source: 'x-forwarded-for' },
  ],
  [
    'MDN: client and two proxies, by trusted list (IPv4 and IPv6 CIDRs)',
    { 'x-forwarded-for': '203.0.113.195,2001:db8:85a3:8d3:1319:8a2e:370:7348,198.51.100.178' },
    { trustProxy: [...LOOPBACKS, '198.51.100.0/24', '2001:db8:85a3::/48'] },
    { ip: '203.0.113.195', source: 'x-forwarded-for' },
  ],
  [
    'spoof: addresses the client prepends are never reached (hop count)',
    { 'x-forwarded-for': '6.6.6.6, 127.0.0.1, 203.0.113.195, 198.51.100.178' },
    { trustProxy: 2 },
    { ip: '203.0.113.195', source: 'x-forwarded-for' },
  ],
  [
    'spoof: addresses the client prepends are never reached (trusted list)',
    { 'x-forwarded-for': '6.6.6.6, ::1, 203.0.113.195, 198.51.100.178' },
    { trustProxy: [...LOOPBACKS, '198.51.100.0/24'] },
    { ip: '203.0.113.195', source: 'x-forwarded-for' },
  ],
  [
    'spoof: a forged IPv6 loopback before an IPv6 client',
    { 'x-forwarded-for': '::1, 2001:db8:cafe::17' },
    { trustProxy: LOOPBACKS },
    { ip: '2001:db8:cafe::17', source: 'x-forwarded-for' },
  ],
  [
    'spoof: split across repeated headers, still read from the right',
    { 'x-forwarded-for': ['6.6.6.6', '203.0.113.195'] },
    { trustProxy: 1 },
    { ip: '203.0.113.195', source: 'x-forwarded-for' },
  ],
  [
    'spoof: nothing trusted by default, the header is ignored',
    { 'x-forwarded-for': '6.6.6.6' },
    {},
    { ip: PEER, source: 'socket' },
  ],
  [
    'spoof: a peer outside the trusted list gets its header ignored',
    { 'x-forwarded-for': '6.6.6.6' },
    { trustProxy: ['10.0.0.0/8', '2001:db8::/32'] },
    { ip: PEER, source: 'socket' },
  ],
  [
    'spoof: the header the proxies do not write is ignored',
    { forwarded: 'for=6.6.6.6', 'x-forwarded-for': '203.0.113.195' },
    { trustProxy: 1 },
    { ip: '203.0.113.195', source: 'x-forwarded-for' },
  ],
  [
    'Forwarded: MDN quoted IPv6 with a port',
    { forwarded: 'For="[2001:db8:cafe::17]:4711"' },
    { trustProxy: 1, forwardedHeader: 'forwarded' },
    { ip: '2001:db8:cafe::17', source: 'forwarded' },
  ],
  [
    'Forwarded: MDN two hops',
    { forwarded: 'for=192.0.2.43, for=198.51.100.17' },
    { trustProxy: 2, forwardedHeader: 'forwarded' },
    { ip: '192.0.2.43', source: 'forwarded' },
  ],
  [
    "Forwarded spoof: a client's broken fragment cannot spoil the proxy's hop",
    { forwarded: 'for=6.6.6.6, for="x, for=203.0.113.195' },
    { trustProxy: 1, forwardedHeader: 'forwarded' },
    { ip: '203.0.113.195', source: 'forwarded' },
  ],
  [
    'Forwarded: a hop the trusted proxy wrote as unknown is no address',
    { forwarded: 'for=6.6.6.6, for=unknown' },
    { trustProxy: 1, forwardedHeader: 'forwarded' },
    { ip: null, source: 'forwarded' },
  ],
];

/**
 * A real server reading the client IP twice, as a site does: from the Node request, and (the handlers' way) from
 * the web Request the kit's Node adapter builds, which carries the socket peer. The options arrive in the URL.
 */
function ipServer() {
  return createServer((req, res) => {
    const options = JSON.parse(new URL(req.url ?? '/', 'http://x').searchParams.get('options') ?? '{}');
    const fromNode = getClientIp(req, options);
    toNodeHandler(async (request) =>
      Response.json({
        fromNode,
        // The adapter carries the socket peer into the web Request: no remoteAddress needed.
        fromWeb: getClientIp(request, options),
      }),
    )(req, res);
  });
}

/** Sends `headers` exactly as given (arrays as repeated header lines) from a real Node client. */
function ask(host: string, port: number, options: GetClientIpOptions, headers: OutgoingHttpHeaders) {
  const path = `/?${new URLSearchParams({ options: JSON.stringify(options) })}`;
  return new Promise<{ fromNode: ClientIp; fromWeb: ClientIp }>((resolve, reject) => {
    const outgoing = httpRequest({ host, port, path, method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const IPV6_LOOPBACK = await canListen('::1');

describe.each([
  ['127.0.0.1', true],
  ['::1', IPV6_LOOPBACK],
])('over real HTTP, the proxy at %s', (loopback, available) => {
  const server = ipServer();
  let port = 0;
  beforeAll(async () => {
    if (!available) return;
    await new Promise<void>((resolve) => server.listen(0, loopback, resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    if (!available) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  if (!available) {
    test.skip(`${loopback} cannot be bound on this machine: the IPv6 peer cases run only where it can`, () => {});
    return;
  }

  test.each(OVER_HTTP)('%s', async (_name, headers, options, expected) => {
    const want = expected.ip === PEER ? { ...expected, ip: loopback } : expected;
    expect(await ask(loopback, port, options, headers)).toEqual({ fromNode: want, fromWeb: want });
  });
});
