import { type CaptchalaClient, type ClientIp, redactToken } from '@captchala-kit/server';
import type { PlaygroundClients } from './playgroundClients';
import { appKeyOf, type PlaygroundConfig } from './playgroundConfig';
import { createSiteLog, logFact, type SiteLog } from './siteLog';
import { json, withRequestId } from './siteResponses';
import { answerCode, userAnswer } from './userAnswer';

/** The action every form of the page uses, and the only one the site accepts. */
export const ACTION = 'login';

export interface ValidatedInput {
  /** Default: the client for the app key the request names (`clientOf`). */
  client?: CaptchalaClient;
  token: unknown;
  clientIp?: string | ClientIp;
  /** Let client-only tokens in (cause 7's opt-in route): they still have to meet the expected action. */
  acceptClientOnly?: boolean;
  /** What else the site logs about the request: `[key, label, value]`. */
  facts?: Array<[key: string, label: string, value: string]>;
}

/** What the page's site routes share: its clients, its log, and how it validates and answers. */
export interface WhyInvalidSite {
  config: PlaygroundConfig;
  clients: PlaygroundClients;
  log: SiteLog;
  /** The client for the app key the request names (`appKeyOf`). */
  clientOf(request: Request): CaptchalaClient;
  /** Validates, logs the verdict and the diagnostic, and answers the user (`{ok: true}` or the failure's code). */
  validated(request: Request, input: ValidatedInput): Promise<Response>;
}

export function whyInvalidSite(options: {
  config: PlaygroundConfig;
  clients: PlaygroundClients;
}): WhyInvalidSite {
  const { config, clients } = options;
  const log = createSiteLog({ limit: 500 });
  const clientOf = (request: Request) => clients.clientFor(appKeyOf(config, request));
  return {
    config,
    clients,
    log,
    clientOf,
    async validated(request, input) {
      const { client = clientOf(request), token, clientIp, acceptClientOnly, facts = [] } = input;
      const result = await client.validate(token, { expectedAction: ACTION, clientIp, acceptClientOnly });
      const entry = log.entry(result.requestId);
      entry.diagnostic = clients.takeDiagnostic(result.requestId) ?? null;
      for (const [key, label, value] of facts) logFact(entry, key, label, value);
      logFact(entry, 'token', 'token', redactToken(token));
      logFact(entry, 'verdict', 'validate()', result.valid ? 'valid' : `${result.kind}: ${result.reason}`);
      if (!result.valid) entry.named = answerCode(result);
      return withRequestId(result.valid ? json({ ok: true }) : userAnswer(result), result.requestId);
    },
  };
}
