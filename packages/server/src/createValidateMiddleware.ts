import type { ServerResponse } from 'node:http';
import type { CaptchalaClient } from './CaptchalaClient';
import { CaptchalaHttpError } from './CaptchalaHttpError';
import { DEFAULTS } from './defaults';
import type { ClientIp } from './getClientIp';
import { type CaptchalaTokenInput, pickToken, readCaptchalaToken } from './readCaptchalaToken';
import { sendWebResponse } from './sendWebResponse';
import { type NodeRequest, parsedBody, toWebRequest } from './toWebRequest';
import type { FailedResult, ValidationResult } from './ValidationResult';
import { validationFailureResponse } from './validationFailureResponse';

/** The request after the middleware: `body` holds the parsed fields, `captchala` the validation result. */
export type CaptchalaRequest = NodeRequest & { captchala?: ValidationResult };

export interface ValidateMiddlewareOptions {
  client: Pick<CaptchalaClient, 'validate'>;
  /** The action the widget on this form uses; another one is `token_action_mismatch`. */
  expectedAction?: string;
  /** Form field holding the token (default `captchala_token`); the `X-Captcha-Token` header also works. */
  field?: string;
  /** The client IP to send (e.g. `(req) => getClientIp(req, {trustProxy: 1})`); none is sent by default. */
  clientIp?: (req: NodeRequest) => string | ClientIp | undefined;
  /** Largest body read when no body parser ran before (default 64 KB). */
  maxBodyBytes?: number;
  /** Answer a failure yourself (default: `validationFailureResponse`'s JSON). */
  onFailure?: (
    result: FailedResult,
    req: CaptchalaRequest,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) => void;
}

const isFields = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * Node `http`/Express middleware guarding a form endpoint: reads the token from a JSON, urlencoded or multipart
 * body (or what a body parser left in `req.body`) or the `X-Captcha-Token` header, validates it, sets
 * `req.captchala` and `req.body`, and calls `next()` only for a valid token.
 */
export function createValidateMiddleware(options: ValidateMiddlewareOptions) {
  const {
    client,
    expectedAction,
    field = DEFAULTS.tokenField,
    maxBodyBytes = DEFAULTS.maxBodyBytes,
  } = options ?? {};
  if (typeof client?.validate !== 'function') {
    throw new TypeError('createValidateMiddleware: options.client must be a CaptchalaClient.');
  }
  if (expectedAction !== undefined && typeof expectedAction !== 'string') {
    throw new TypeError('createValidateMiddleware: options.expectedAction must be a string.');
  }
  const read = async (req: CaptchalaRequest): Promise<CaptchalaTokenInput> => {
    const parsed = parsedBody(req);
    if (isFields(parsed)) {
      const header = req.headers[DEFAULTS.tokenHeader];
      return { token: pickToken(parsed, Array.isArray(header) ? header[0] : header, field), fields: parsed };
    }
    const input = await readCaptchalaToken(await toWebRequest(req, { maxBodyBytes }), {
      field,
      maxBodyBytes,
    });
    req.body = input.fields;
    return input;
  };
  const run = async (req: CaptchalaRequest, res: ServerResponse, next: (error?: unknown) => void) => {
    let input: CaptchalaTokenInput;
    try {
      input = await read(req);
    } catch (error) {
      if (error instanceof CaptchalaHttpError) return sendWebResponse(res, error.toResponse());
      throw error;
    }
    const result = await client.validate(input.token, { expectedAction, clientIp: options.clientIp?.(req) });
    req.captchala = result;
    if (result.valid) return next();
    if (options.onFailure) return options.onFailure(result, req, res, next);
    return sendWebResponse(res, validationFailureResponse(result));
  };
  return (req: CaptchalaRequest, res: ServerResponse, next: (error?: unknown) => void): void => {
    run(req, res, next).catch(next);
  };
}
