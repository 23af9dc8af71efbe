import type { CaptchalaClient } from './CaptchalaClient';
import { CaptchalaHttpError, HttpErrorCode } from './CaptchalaHttpError';
import { jsonResponse } from './jsonResponse';
import { readBody } from './readBody';
import { ValidationKind } from './ValidationResult';

/** A web-standard endpoint: what Next.js route handlers, Hono, Bun, Deno and Workers take. */
export type WebHandler = (request: Request) => Promise<Response>;

export interface ServerTokenHandlerOptions {
  client: Pick<CaptchalaClient, 'issueServerToken'>;
  /** The actions this endpoint issues server tokens for; anything else is refused (400 `unknown_action`). */
  actions: readonly string[];
  /** Lifetime of each token in seconds (CaptchaLa's default: 300). */
  ttl?: number;
  /** Challenges each token allows (CaptchaLa's default applies when unset). */
  maxUses?: number;
  /** Largest request body read (default 64 KB). */
  maxBodyBytes?: number;
  /**
   * Binds each token to the requester: its IP (use `getClientIp(request, {trustProxy})`, never a raw
   * `X-Forwarded-For`) and/or your user id. CaptchaLa then refuses the token from anyone else.
   */
  bindTo?: (
    request: Request,
  ) => { ip?: string | null; uid?: string | null } | Promise<{ ip?: string | null; uid?: string | null }>;
}

/**
 * The page's server-token endpoint, what the element's `server-token-url` POSTs `{action}` to: answers
 * `{server_token, expires_in, action}` for allow-listed actions. Bad requests get a 4xx `{error: {code,
 * message}}`; CaptchaLa failures a 502/503 with a generic message (the client's diagnostics say why).
 */
export function createServerTokenHandler(options: ServerTokenHandlerOptions): WebHandler {
  const { client, actions, ttl, maxUses, maxBodyBytes, bindTo } = options ?? {};
  if (typeof client?.issueServerToken !== 'function') {
    throw new TypeError('createServerTokenHandler: options.client must be a CaptchalaClient.');
  }
  if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => typeof a === 'string' && a)) {
    throw new TypeError('createServerTokenHandler: options.actions must list the allowed action names.');
  }
  if (bindTo !== undefined && typeof bindTo !== 'function') {
    throw new TypeError('createServerTokenHandler: options.bindTo must be a function of the request.');
  }
  for (const [name, value] of Object.entries({ ttl, maxUses, maxBodyBytes })) {
    if (value !== undefined && !(typeof value === 'number' && value > 0)) {
      throw new TypeError(`createServerTokenHandler: options.${name} must be a positive number.`);
    }
  }
  const allowed = new Set(actions);
  const handle = async (request: Request): Promise<Response> => {
    if (request.method !== 'POST') {
      throw new CaptchalaHttpError(405, HttpErrorCode.MethodNotAllowed, 'Use POST with {"action": "…"}.', {
        allow: 'POST',
      });
    }
    const { action } = await readBody(request, { maxBytes: maxBodyBytes });
    if (typeof action !== 'string' || action === '') {
      throw new CaptchalaHttpError(400, HttpErrorCode.MissingField, 'Send {"action": "…"} as JSON.');
    }
    if (!allowed.has(action)) {
      throw new CaptchalaHttpError(
        400,
        HttpErrorCode.UnknownAction,
        'No server tokens for this action here.',
      );
    }
    const binding = (await bindTo?.(request)) ?? {};
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
