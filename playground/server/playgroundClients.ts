import {
  CaptchalaClient,
  type CaptchalaDiagnostic,
  DiagnosticLevel,
  type ValidationDiagnostic,
} from '@captchala-kit/server';
import type { PreviewServer, ViteDevServer } from 'vite';
import type { PlaygroundConfig } from './playgroundConfig';

export interface PlaygroundClients {
  /** A client for an app key (one per key, created on first use); throws `CaptchalaConfigError` for a bad key. */
  clientFor(appKey: string): CaptchalaClient;
  /** A client for an app key with a secret other than the configured one (a deliberately wrong one). */
  clientWithSecret(options: { appKey: string; appSecret: string }): CaptchalaClient;
  /** The diagnostic of a validation, by the result's `requestId` (once: it is forgotten when taken). */
  takeDiagnostic(requestId: string): ValidationDiagnostic | undefined;
}

/** The server the backend runs in: the playground's dev server, or `vite preview` of the built pages. */
export type BackendServer = ViteDevServer | PreviewServer;

/** `http://<address the server listens on>`: an unspecified bind address is reached through loopback. */
function devServerOrigin(server: BackendServer): string {
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string')
    throw new Error('the playground backend needs a TCP dev server');
  const host = { '0.0.0.0': '127.0.0.1', '::': '::1' }[address.address] ?? address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/**
 * The playground backend's CaptchaLa clients: the stand-in mounted in this dev server (offline) or the real
 * service (live). Warnings and errors from their diagnostics go to Vite's log, as a site would log them.
 */
export function playgroundClients(options: {
  config: PlaygroundConfig;
  server: BackendServer;
}): PlaygroundClients {
  const { config, server } = options;
  const clients = new Map<string, CaptchalaClient>();
  const pending = new Map<string, ValidationDiagnostic>();
  const onDiagnostic = (diagnostic: CaptchalaDiagnostic) => {
    if (diagnostic.operation === 'validate') pending.set(diagnostic.requestId, diagnostic);
    if (diagnostic.level === DiagnosticLevel.Info) return;
    const line = `[captchala] ${diagnostic.operation} ${diagnostic.kind}: ${diagnostic.message ?? (diagnostic.operation === 'validate' ? diagnostic.warning : '')}`;
    server.config.logger[diagnostic.level === DiagnosticLevel.Error ? 'error' : 'warn'](line, {
      timestamp: true,
    });
  };
  const cached = (appKey: string, appSecret: string) => {
    const id = `${appKey}\n${appSecret}`;
    let client = clients.get(id);
    if (!client) {
      client = new CaptchalaClient({
        appKey,
        appSecret,
        ...config.apiUrls(devServerOrigin(server)),
        environment: `playground-${config.mode}`,
        onDiagnostic,
      });
      clients.set(id, client);
    }
    return client;
  };
  return {
    clientFor: (appKey) => cached(appKey, config.appSecret),
    clientWithSecret: ({ appKey, appSecret }) => cached(appKey, appSecret),
    takeDiagnostic(requestId) {
      const diagnostic = pending.get(requestId);
      pending.delete(requestId);
      return diagnostic;
    },
  };
}
