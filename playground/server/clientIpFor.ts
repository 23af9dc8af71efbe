import { type ClientIp, getClientIp } from '@captchala-kit/server';

/** How the site reads the client's address behind its one reverse proxy. */
export const IpParsing = {
  /** The classic mistake: the left-most `X-Forwarded-For` entry, which the client wrote itself. */
  Naive: 'naive',
  /** `getClientIp(request, {trustProxy: 1})`: the entry the proxy appended. */
  Trusted: 'trusted',
} as const;
export type IpParsing = (typeof IpParsing)[keyof typeof IpParsing];

/** What `validate` gets as `clientIp`, and how to describe where it came from. */
export interface ResolvedIp {
  clientIp: string | ClientIp;
  ip: string | null;
  source: string;
}

/** The client's address as a site parsing `X-Forwarded-For` this way would take it. */
export function clientIpFor(request: Request, parsing: IpParsing): ResolvedIp {
  if (parsing === IpParsing.Trusted) {
    const resolved = getClientIp(request, { trustProxy: 1 });
    return { clientIp: resolved, ip: resolved.ip, source: resolved.source };
  }
  const leftmost = (request.headers.get('x-forwarded-for') ?? '').split(',')[0]?.trim() ?? '';
  return { clientIp: leftmost, ip: leftmost || null, source: 'naive: left-most X-Forwarded-For entry' };
}
