import { readBody } from '../body/readBody';
import { type CaptchalaClient, checkWhole } from '../client/CaptchalaClient';
import { DEFAULTS } from '../DEFAULTS';
import { ValidationKind } from '../validation/ValidationResult';
import { CaptchalaHttpError, HttpErrorCode, jsonResponse } from './CaptchalaHttpError';
import { compileAllowedOrigins, refuseCrossSite } from './checkSameOrigin';

/** A web-standard endpoint: what Next.js route handlers, Hono, Bun, Deno and Workers take. */
export type WebHandler = (request: Request) => Promise<Response>;

/**
 * What `bindTo` binds a token to. Leave a key out for no binding of that kind; `null` means "asked for but not
 * established" (e.g. `getClientIp(…).ip` behind a misconfigured proxy), and then no token is issued.
 */
export interface ServerTokenBinding {
  ip?: string | null;
  uid?: string | null;
}

export interface ServerTokenHandlerOptions {
  client: Pick<CaptchalaClient, 'issueServerToken'>;
  /** The actions this endpoint issues server tokens for; anything else is refused (400 `unknown_action`). */
  actions: readonly string[];
  /** Lifetime of each token in seconds, a whole number from 1 to 3600 (CaptchaLa's default: 300). */
  ttl?: number;
  /** Challenges each token allows, a whole number from 1 to 20 (default 3, as the official plugins). */
  maxUses?: number;
  /** Largest request body read (default 64 KB). */
  maxBodyBytes?: number;
  /** Longest wait for the whole body (default 10 s): 408 beyond. */
  bodyTimeoutMs?: number;
  /** Origins of your own other sites whose pages may ask here (default none: other sites get 403). */
  allowedOrigins?: readonly string[];
  /**
   * Your rate limiting, before CaptchaLa is asked (each issue spends a call on your app key): return a
   * `Response` (e.g. a 429) to refuse the request with it, nothing to go on. May be async.
   */
  beforeIssue?: (request: Request) => Response | undefined | Promise<Response | undefined>;
  /**
   * Binds each token to the requester: its IP (use `getClientIp(request, {trustProxy})`, never a raw
   * `X-Forwarded-For`) and/or your user id. CaptchaLa then refuses the token from anyone else.
   */
  bindTo?: (request: Request) => ServerTokenBinding | Promise<ServerTokenBinding>;
}

function checkOptions(options: ServerTokenHandlerOptions): ReadonlySet<string> {
  const where = 'createServerTokenHandler';
  const fail = (message: string): never => {
    throw new TypeError(`${where}: ${message}`);
  };
  const { client, actions, bindTo, beforeIssue } = options ?? {};
  if (typeof client?.issueServerToken !== 'function') fail('options.client must be a CaptchalaClient.');
  if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => typeof a === 'string' && a)) {
    fail('options.actions must list the allowed action names.');
  }
  if (bindTo !== undefined && typeof bindTo !== 'function')
    fail('options.bindTo must be a function of the request.');
  if (beforeIssue !== undefined && typeof beforeIssue !== 'function') {
    fail('options.beforeIssue must be a function of the request.');
  }
  checkWhole(options.ttl, 'options.ttl', DEFAULTS.ttlRange, where);
  checkWhole(options.maxUses, 'options.maxUses', DEFAULTS.maxUsesRange, where);
  for (const name of ['maxBodyBytes', 'bodyTimeoutMs'] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === 'number' && value > 0)) {
      fail(`options.${name} must be a positive number.`);
    }
  }
  return compileAllowedOrigins(options.allowedOrigins, where);
}

/**
 * The page's server-token endpoint, what the element's `server-token-url` POSTs `{action}` to: answers
 * `{server_token, expires_in, action}` for allow-listed actions. It takes JSON only (so a page of another site
 * cannot send it without a CORS preflight) and refuses browsers' cross-site requests outright, so it is no
 * minting oracle for other sites; `beforeIssue` is where your rate limit goes. Bad requests get a 4xx `{error:
 * {code, message}}`; CaptchaLa failures a 502/503 with a generic message (the client's diagnostics say why).
 */
export function createServerTokenHandler(options: ServerTokenHandlerOptions): WebHandler {
  const allowedOrigins = checkOptions(options);
  const {
    client,
    ttl,
    maxUses = DEFAULTS.maxUses,
    maxBodyBytes,
    bodyTimeoutMs,
    bindTo,
    beforeIssue,
  } = options;
  const actions = new Set(options.actions);
  const handle = async (request: Request): Promise<Response> => {
    if (request.method !== 'POST') {
      throw new CaptchalaHttpError(405, HttpErrorCode.MethodNotAllowed, 'Use POST with {"action": "…"}.', {
        allow: 'POST',
      });
    }
    refuseCrossSite(
      { header: (name) => request.headers.get(name), host: new URL(request.url).host },
      allowedOrigins,
    );
    const { action } = await readBody(request, {
      maxBytes: maxBodyBytes,
      timeoutMs: bodyTimeoutMs,
      jsonOnly: true,
    });
    if (typeof action !== 'string' || action === '') {
      throw new CaptchalaHttpError(400, HttpErrorCode.MissingField, 'Send {"action": "…"} as JSON.');
    }
    if (!actions.has(action)) {
      throw new CaptchalaHttpError(
        400,
        HttpErrorCode.UnknownAction,
        'No server tokens for this action here.',
      );
    }
    const refusal = await beforeIssue?.(request);
    if (refusal) return refusal;
    const binding = (await bindTo?.(request)) ?? {};
    if (binding.ip === null || binding.uid === null) {
      throw new CaptchalaHttpError(
        400,
        HttpErrorCode.BindingUnavailable,
        `This request's ${binding.ip === null ? 'client address' : 'user'} could not be established, so no bound server token is issued.`,
      );
    }
    const result = await client.issueServerToken({
      action,
      ttl,
      maxUses,
      ...(binding.ip ? { bindIp: binding.ip } : {}),
      ...(binding.uid ? { bindUid: binding.uid } : {}),
      signal: request.signal,
    });
    if (!result.ok) {
      throw new CaptchalaHttpError(
        result.kind === ValidationKind.Unavailable ? 503 : 502,
        HttpErrorCode.ServerTokenUnavailable,
        'No server token could be issued right now; try again.',
      );
    }
    return jsonResponse(200, { server_token: result.serverToken, expires_in: result.expiresIn, action });
  };
  return (request) =>
    handle(request).catch((error: unknown) => {
      if (error instanceof CaptchalaHttpError) return error.toResponse();
      throw error;
    });
}
