import { DEFAULTS } from '../DEFAULTS';
import { compileTrustProxy, type TrustProxy } from './compileTrustProxy';
import { forwardedFromRight, xForwardedForFromRight } from './parseForwarded';
import { formatIp, parseIp } from './parseIp';

/** Where a client IP came from: the TCP peer, or a forwarding header written by a trusted proxy. */
export const ClientIpSource = {
  Socket: 'socket',
  XForwardedFor: 'x-forwarded-for',
  Forwarded: 'forwarded',
  /** No address is known (a closed socket). */
  None: 'none',
} as const;
export type ClientIpSource = (typeof ClientIpSource)[keyof typeof ClientIpSource];

/** The header proxies write the chain to: `x-forwarded-for` (most proxies) or RFC 7239 `forwarded`. */
export type ForwardedHeader = typeof ClientIpSource.XForwardedFor | typeof ClientIpSource.Forwarded;

export interface ClientIp {
  /** Canonical address (IPv4-mapped IPv6 as IPv4), or null when the hop that must be the client is no address. */
  ip: string | null;
  source: ClientIpSource;
}

/** A Node `IncomingMessage` or anything shaped like one. */
export interface NodeRequestLike {
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string | undefined } | null;
}

export interface GetClientIpOptions {
  /** Proxies to believe (default `false`: the socket peer is the client). See `TrustProxy`. */
  trustProxy?: TrustProxy;
  /** The one header your proxies write; the other is ignored, since a client could send it unchecked. */
  forwardedHeader?: ForwardedHeader;
  /**
   * The TCP peer, for runtimes whose `Request` carries none (Deno `info.remoteAddr`, Bun `server.requestIP`).
   * Requests from `toNodeHandler` carry their socket's.
   */
  remoteAddress?: string;
}

/**
 * The TCP peer of web `Request`s the kit built from Node requests (`toNodeHandler`): a web `Request` has no
 * field for it, and without it `getClientIp` could only count hops, letting a client's `X-Forwarded-For` decide
 * where no proxy is. Weakly held: a request's entry goes with the request.
 */
const peers = new WeakMap<Request, string>();

/** Records the socket peer of a web `Request` built from a Node request, for `getClientIp` to read. */
export function rememberPeer(request: Request, address: string | undefined): void {
  if (address) peers.set(request, address);
}

function isWebRequest(request: Request | NodeRequestLike): request is Request {
  return typeof (request.headers as Headers).get === 'function';
}

function headerOf(request: Request | NodeRequestLike, name: string): string {
  if (isWebRequest(request)) return request.headers.get(name) ?? '';
  const value = request.headers[name];
  // Repeated headers form one list (MDN, "Parsing"): Node joins them, a hand-made object may keep an array.
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** `1.2.3.4:80`, `[::1]:80` and `[::1]` as found in forwarding headers → the address part. */
function stripPort(entry: string): string {
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']');
    return close !== -1 && /^(:\d+)?$/.test(entry.slice(close + 1)) ? entry.slice(1, close) : '';
  }
  const parts = entry.split(':');
  return parts.length === 2 && /^\d+$/.test(parts[1] ?? '') ? (parts[0] ?? '') : entry;
}

/**
 * The client's IP for a web `Request` or a Node request. The chain is read from the server outwards: the socket
 * peer, then the forwarding header from the right; each trusted hop is skipped, and the first untrusted one is
 * the client. Whatever a client writes into the header sits to the left of what your proxies append, so it is
 * never reached (nor parsed) while your proxies are counted or listed correctly. `ip` is null when that hop is
 * no address (`unknown`, an element that does not parse): a binding must then be refused, never skipped.
 */
export function getClientIp(request: Request | NodeRequestLike, options: GetClientIpOptions = {}): ClientIp {
  if (!request || typeof request !== 'object' || !request.headers) {
    throw new TypeError('getClientIp: expected a web Request or a Node IncomingMessage.');
  }
  const { trustProxy = false, forwardedHeader = DEFAULTS.forwardedHeader, remoteAddress } = options;
  if (forwardedHeader !== ClientIpSource.XForwardedFor && forwardedHeader !== ClientIpSource.Forwarded) {
    throw new TypeError(`getClientIp: forwardedHeader must be "x-forwarded-for" or "forwarded".`);
  }
  const trust = compileTrustProxy(trustProxy);
  const web = isWebRequest(request);
  const peer = remoteAddress ?? (web ? peers.get(request) : request.socket?.remoteAddress);
  if (peer === undefined && web && typeof trustProxy !== 'number') {
    throw new TypeError(
      'getClientIp: this web Request carries no peer address; pass {remoteAddress} from your runtime ' +
        '(or a hop count as trustProxy when every request comes through your proxies).',
    );
  }
  const peerAddress = peer === undefined ? null : parseIp(peer);
  const peerResult = peerAddress
    ? { ip: formatIp(peerAddress), source: ClientIpSource.Socket }
    : { ip: null, source: ClientIpSource.None };
  if (!trust(peerAddress, 0)) return peerResult;
  const value = headerOf(request, forwardedHeader);
  const hops = (
    forwardedHeader === ClientIpSource.Forwarded ? forwardedFromRight(value) : xForwardedForFromRight(value)
  )[Symbol.iterator]();
  let hop = hops.next();
  // No header: the trusted peer forwarded nothing, so it is the only address there is.
  if (hop.done) return peerResult;
  for (let index = 1; ; index++) {
    const address = hop.value === null ? null : parseIp(stripPort(hop.value));
    const next = hops.next();
    // The left-most hop is the client even when trusted: there is nobody further out.
    if (next.done || !trust(address, index)) {
      return { ip: address ? formatIp(address) : null, source: forwardedHeader };
    }
    hop = next;
  }
}
