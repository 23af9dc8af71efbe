// Copied into every throwaway app by packtest/run.ts: the app's backend, as a Vite plugin.
import { CaptchalaClient, readCaptchalaToken } from '@captchala-kit/server';

/** The app's backend, on the packed @captchala-kit/server, validating against the packed stand-in. */
export function backend() {
  return {
    name: 'packtest-backend',
    configurePreviewServer(server) {
      server.middlewares.use('/api/submit', async (req, res) => {
        const origin = `http://${server.config.preview.host}:${server.httpServer.address().port}`;
        const client = new CaptchalaClient({
          appKey: 'test_auto_pass',
          appSecret: 'test_secret',
          baseUrl: `${origin}/__captchala`,
        });
        const request = new Request(`${origin}/api/submit`, {
          method: 'POST',
          headers: req.headers,
          body: req,
          duplex: 'half',
        });
        const { token } = await readCaptchalaToken(request);
        const result = await client.validate(token);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ valid: result.valid, prefix: String(token).slice(0, 3) }));
      });
    },
  };
}
