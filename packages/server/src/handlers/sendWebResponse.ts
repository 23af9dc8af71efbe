import type { IncomingMessage, ServerResponse } from 'node:http';

/** How much of an unwanted body is still read, and for how long, after a 413 or 408 (nginx's lingering close). */
const LINGER = { bytes: 1024 * 1024, ms: 2000 };

/**
 * After refusing a body (413, 408) its rest is unwanted, but closing the connection at once makes the kernel
 * answer the bytes still arriving with a reset, and a client still sending loses the answer. So the rest is read
 * and dropped for a moment, within bounds; a client that sends more, or longer, is cut off.
 */
function lingerThenClose(req: IncomingMessage): void {
  if (req.readableEnded) return;
  let drained = 0;
  const stop = (cut: boolean) => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', onEnd);
    if (cut) req.socket.destroy();
  };
  const onData = (chunk: Uint8Array) => {
    drained += chunk.byteLength;
    if (drained > LINGER.bytes) stop(true);
  };
  const onEnd = () => stop(false);
  const timer = setTimeout(() => stop(true), LINGER.ms);
  timer.unref();
  req.on('data', onData);
  req.on('end', onEnd);
  req.resume();
}

/**
 * Writes a web `Response` to a Node response (buffered: the kit's answers are small JSON). After a 413 or 408 the
 * rest of the upload is drained within bounds, then the connection is cut: never read whole.
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(body);
  if (response.status === 413 || response.status === 408) lingerThenClose(res.req);
}
