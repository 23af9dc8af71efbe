import { parseIp } from './parseIp';

/**
 * Which proxies in front of the app may be believed about the client's address: `false` (none: the socket peer
 * is the client), a hop count (that many reverse proxies, each appending to the forwarding header), or the
 * proxies' addresses as CIDRs (IPv4 or IPv6; a bare address is a /32 or /128).
 */
export type TrustProxy = false | number | readonly string[];

/** Whether the hop at `index` of the chain (0: the socket peer, then the header from the right) is trusted. */
export type ProxyTrust = (address: Uint8Array | null, index: number) => boolean;

interface Range {
  bytes: Uint8Array;
  prefix: number;
}

function parseCidr(cidr: unknown): Range {
  const fail = (why: string): never => {
    throw new TypeError(
      `getClientIp: trustProxy entry ${JSON.stringify(cidr)} ${why}; expected an address or a CIDR such as "10.0.0.0/8" or "2001:db8::/32".`,
    );
  };
  if (typeof cidr !== 'string') return fail('is not a string');
  const [address = '', prefixText, ...extra] = cidr.trim().split('/');
  const bytes = parseIp(address);
  if (!bytes || extra.length > 0) return fail('is not an address or CIDR');
  const written = address.includes(':') ? 128 : 32;
  // `::ffff:10.0.0.0/104` is stored as IPv4: its prefix counts from bit 96.
  const offset = written - bytes.length * 8;
  const prefix = prefixText === undefined ? written : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= offset && prefix <= written)) return fail('has an invalid prefix length');
  return { bytes, prefix: prefix - offset };
}

function inRange(address: Uint8Array, range: Range): boolean {
  if (address.length !== range.bytes.length) return false;
  const fullBytes = range.prefix >> 3;
  for (let i = 0; i < fullBytes; i++) if (address[i] !== range.bytes[i]) return false;
  const bits = range.prefix & 7;
  if (bits === 0) return true;
  const mask = (0xff << (8 - bits)) & 0xff;
  return ((address[fullBytes] ?? 0) & mask) === ((range.bytes[fullBytes] ?? 0) & mask);
}

/** Compiled CIDR lists, per array: a middleware passes the same one on every request. */
const compiledLists = new WeakMap<readonly string[], ProxyTrust>();

/** Compiles a `trustProxy` setting once; throws a TypeError naming the bad value (a programmer error). */
export function compileTrustProxy(trustProxy: TrustProxy): ProxyTrust {
  if (trustProxy === false) return () => false;
  if (typeof trustProxy === 'number') {
    if (!Number.isInteger(trustProxy) || trustProxy < 0) {
      throw new TypeError(`getClientIp: trustProxy hop count must be a whole number ≥ 0, got ${trustProxy}.`);
    }
    return (_address, index) => index < trustProxy;
  }
  if (Array.isArray(trustProxy)) {
    let trust = compiledLists.get(trustProxy);
    if (!trust) {
      const ranges = trustProxy.map(parseCidr);
      trust = (address) => address !== null && ranges.some((range) => inRange(address, range));
      compiledLists.set(trustProxy, trust);
    }
    return trust;
  }
  throw new TypeError(
    `getClientIp: trustProxy must be false, a hop count or a list of CIDRs, got ${JSON.stringify(trustProxy)}.`,
  );
}
