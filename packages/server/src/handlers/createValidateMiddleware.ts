import type { ServerResponse } from 'node:http';
import { type NodeRequest, readNodeBody } from '../body/readBody';
import type { CaptchalaClient } from '../client/CaptchalaClient';
import type { ClientIp } from '../clientIp/getClientIp';
import { DEFAULTS } from '../DEFAULTS';
import type { FailedResult, ValidationResult } from '../validation/ValidationResult';
import { CaptchalaHttpError } from './CaptchalaHttpError';
import { compileAllowedOrigins, refuseCrossSite } from './checkSameOrigin';
import { pickToken } from './readCaptchalaToken';
import { sendWebResponse } from './sendWebResponse';
import { validationFailureResponse } from './validationFailureResponse';

/** The request after the middleware: `body` holds the parsed fields, `captchala` the validation result. */
export type CaptchalaRequest = NodeRequest & { captchala?: ValidationResult };

export interface ValidateMiddlewareOptions {
  client: Pick<CaptchalaClient, 'validate'>;
  /**
   * The action the widget on this form uses; a token solved for another one is `token_action_mismatch`.
   * Required: `null` accepts a token solved for any action (say so explicitly).
   */
  expectedAction: string | null;
  /**
   * The signed-in user's id, for tokens bound with `bindUid`: another uid is `token_uid_mismatch`, and so is any
   * uid when this returns null (an anonymous request cannot use somebody's token).
   */
  expectedUid?: (req: NodeRequest) => string | null | undefined;
  /** Form field holding the token (default `captchala_token`); the `X-Captcha-Token` header also works. */
  field?: string;
  /** The client IP to send (e.g. `(req) => getClientIp(req, {trustProxy: 1})`); none is sent by default. */
  clientIp?: (req: NodeRequest) => string | ClientIp | undefined;
  /** Let unverifiable client-only tokens in (see `validate`'s `acceptClientOnly`); only `true` opts in. */
  acceptClientOnly?: boolean;
  /** Origins of your own other sites whose pages may post here (default none: other sites get 403). */
  allowedOrigins?: readonly string[];
  /** Largest body read when no body parser ran before (default 64 KB). */
  maxBodyBytes?: number;
  /** Longest wait for the whole body (default 10 s): 408 beyond. */
  bodyTimeoutMs?: number;
  /** Parse a body without a content type as JSON (default false: 415; such a body needs no CORS preflight). */
  untypedBodyAsJson?: boolean;
  /** Answer a failure yourself (default: `validationFailureResponse`'s JSON). */
  onFailure?: (
    result: FailedResult,
    req: CaptchalaRequest,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) => void;
}

function checkOptions(options: ValidateMiddlewareOptions) {
  const fail = (message: string): never => {
    throw new TypeError(`createValidateMiddleware: ${message}`);
  };
  if (!options || typeof options !== 'object')
    fail('expected an options object {client, expectedAction, …}.');
  const { client, expectedAction, expectedUid, acceptClientOnly } = options;
  if (typeof client?.validate !== 'function') fail('options.client must be a CaptchalaClient.');
  if (expectedAction !== null && (typeof expectedAction !== 'string' || expectedAction === '')) {
    fail(
      'options.expectedAction must name the action the widget on this form uses (or be null to accept any action).',
    );
  }
  if (expectedUid !== undefined && typeof expectedUid !== 'function') {
    fail('options.expectedUid must be a function of the request.');
  }
  if (acceptClientOnly !== undefined && typeof acceptClientOnly !== 'boolean') {
    fail('options.acceptClientOnly must be a boolean.');
  }
  return compileAllowedOrigins(options.allowedOrigins, 'createValidateMiddleware');
}

/**
 * Node `http`/Express middleware guarding a form endpoint: refuses requests from other sites, reads the token
 * from a JSON, urlencoded or multipart body (or what a body parser left in `req.body`) or the `X-Captcha-Token`
 * header, validates it, sets `req.captchala` and `req.body`, and calls `next()` only for a valid token — and
 * only while the client is still there: one that went away aborts the validation, and nothing runs for nobody.
 */
export function createValidateMiddleware(options: ValidateMiddlewareOptions) {
  const allowed = checkOptions(options);
  const { client, expectedAction, expectedUid, acceptClientOnly, onFailure } = options;
  const field = options.field ?? DEFAULTS.tokenField;
  const read = {
    maxBytes: options.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
    timeoutMs: options.bodyTimeoutMs ?? DEFAULTS.bodyTimeoutMs,
    untypedBodyAsJson: options.untypedBodyAsJson,
  };
  const run = async (req: CaptchalaRequest, res: ServerResponse, next: (error?: unknown) => void) => {
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    let token: unknown;
    try {
      refuseCrossSite(
        { header: (name) => headerOf(req, name), host: req.headers.host ?? headerOf(req, ':authority') },
        allowed,
      );
      const fields = await readNodeBody(req, read);
      token = pickToken(fields, headerOf(req, DEFAULTS.tokenHeader), field);
      req.body = fields;
    } catch (error) {
      if (gone.signal.aborted) return;
      if (error instanceof CaptchalaHttpError) return sendWebResponse(res, error.toResponse());
      throw error;
    }
    const result = await client.validate(token, {
      expectedAction: expectedAction ?? undefined,
      ...(expectedUid ? { expectedUid: expectedUid(req) ?? null } : {}),
      clientIp: options.clientIp?.(req),
      ...(acceptClientOnly ? { acceptClientOnly } : {}),
      signal: gone.signal,
    });
    req.captchala = result;
    if (gone.signal.aborted) return;
    if (result.valid) return next();
    if (onFailure) return onFailure(result, req, res, next);
    return sendWebResponse(res, validationFailureResponse(result));
  };
  return (req: CaptchalaRequest, res: ServerResponse, next: (error?: unknown) => void): void => {
    run(req, res, next).catch(next);
  };
}

function headerOf(req: NodeRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
