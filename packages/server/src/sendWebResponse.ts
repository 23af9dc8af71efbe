import type { ServerResponse } from 'node:http';

/**
 * Writes a web `Response` to a Node response (buffered: the kit's answers are small JSON). A 413 also closes the
 * connection, so the rest of an oversized upload is not read.
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (response.status === 413) res.setHeader('connection', 'close');
  res.end(body);
}
