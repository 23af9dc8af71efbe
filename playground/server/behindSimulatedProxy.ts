import type { NodeHandler } from '@captchala-kit/server';

/**
 * A reverse proxy in front of `handler`, as nginx's `$proxy_add_x_forwarded_for` does: whatever
 * `X-Forwarded-For` the client sent, followed by the address the connection really came from. The handler is
 * reachable only through it, so exactly one trusted hop (`trustProxy: 1`) sits between the client and the app.
 */
export function behindSimulatedProxy(handler: NodeHandler): NodeHandler {
  return (req, res, next) => {
    const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    const sent = req.headers['x-forwarded-for'];
    req.headers['x-forwarded-for'] = sent ? `${sent}, ${peer}` : peer;
    handler(req, res, next);
  };
}
