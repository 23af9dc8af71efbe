/**
 * The TCP peer of web `Request`s the kit built from Node requests (`toNodeHandler`): a web `Request` has no
 * field for it, and without it `getClientIp` could only count hops, letting a client's `X-Forwarded-For` decide
 * where no proxy is. Weakly held: a request's entry goes with the request.
 */
const peers = new WeakMap<Request, string>();

export function rememberPeer(request: Request, address: string | undefined): void {
  if (address) peers.set(request, address);
}

export function peerOf(request: Request): string | undefined {
  return peers.get(request);
}
