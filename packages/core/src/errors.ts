import { DEV } from './DEV';
import { errorDocsUrl } from './docsUrl';

/** Codes the CaptchaLa SDK and API report (contract §2, §5). */
export type CaptchalaSdkErrorCode =
  | 'server_token_required'
  | 'server_token_invalid'
  | 'server_token_exhausted'
  | 'server_token_app_mismatch'
  | 'server_token_binding_mismatch'
  | 'server_token_expired'
  /**
   * The SDK's error (contract §2): its own challenge session expired; refreshable, the widget re-inits. Not the
   * server's `token_expired` validation reason (contract §5a: a pass token validated too late), which the
   * browser never sees as an error: the widget drops a stale pass token itself (the `expired` event).
   */
  | 'token_expired'
  | 'challenge_expired'
  | 'session_expired'
  | 'invalid_app_key'
  | 'verify_failed'
  | 'network_error'
  | 'rate_limit_exceeded'
  | 'app_disabled'
  | 'unknown_error';

/** Codes of the kit itself. */
export type CaptchalaKitErrorCode =
  | 'loader_timeout'
  | 'loader_network_error'
  | 'loader_blocked_csp'
  | 'loader_missing_global'
  | 'loader_callback_error'
  | 'loader_src_conflict'
  | 'loader_src_not_allowed'
  | 'loader_blocked_trusted_types'
  | 'trusted_types_policy_exists'
  | 'sdk_timeout'
  | 'aborted'
  | 'challenge_timeout'
  | 'challenge_closed'
  | 'server_token_fetch_failed'
  | 'missing_app_key'
  | 'invalid_product'
  | 'invalid_theme'
  | 'invalid_token_ttl'
  | 'invalid_refresh_margin'
  | 'invalid_loading'
  | 'not_mounted'
  | 'tag_conflict'
  | 'destroyed';

/** Any code: the known ones, or another the SDK sent (shown as is). */
export type CaptchalaErrorCode = CaptchalaSdkErrorCode | CaptchalaKitErrorCode | (string & {});

/** SDK codes on which every official integration fetches a fresh `sct_`, destroys and re-inits (contract §2). */
export const REFRESHABLE_CODES: ReadonlySet<string> = new Set([
  'server_token_required',
  'server_token_invalid',
  'server_token_exhausted',
  'server_token_app_mismatch',
  'server_token_binding_mismatch',
  'token_expired',
  'server_token_expired',
  'challenge_expired',
  'session_expired',
]);

/**
 * Codes no retry can fix: the user's next action fails at once with the same error instead of re-initialising.
 * Configuration errors never reach the controller (the config is refused before), so they are not listed.
 */
export const UNRECOVERABLE_CODES: ReadonlySet<string> = new Set([
  'invalid_app_key',
  'app_disabled',
  'loader_src_conflict',
  'loader_src_not_allowed',
  'loader_blocked_csp',
  'loader_blocked_trusted_types',
]);

export interface CaptchalaErrorOptions {
  code: CaptchalaErrorCode;
  /**
   * What happened and what to do (the link to the code's entry on the docs site is appended); empty in production
   * builds, where the code and that link stand instead.
   */
  message: string;
  /** A short fact production builds keep beside the code and link (e.g. the CSP directive that blocked a script). */
  detail?: string;
  cause?: unknown;
}

/** `parseSdkError`'s options: the message is the SDK's own words, kept as it said them (no link appended). */
interface SdkErrorOptions extends CaptchalaErrorOptions {
  sdkWords?: boolean;
}

/** The one error class of the kit: a `code` to branch on, an actionable `message`, and `refreshable`. */
export class CaptchalaError extends Error {
  override readonly name = 'CaptchalaError';
  readonly code: CaptchalaErrorCode;
  /** True when a fresh server token and a re-init can fix it. */
  readonly refreshable: boolean;

  constructor(options: CaptchalaErrorOptions) {
    const { code, message, detail } = options;
    // In development every message the kit writes ends with where its code is explained; production builds, whose
    // messages are empty, say the code and that link.
    const link = errorDocsUrl(code);
    super(
      !message
        ? `CaptchaLa ${code}${detail ? ` (${detail})` : ''}: see ${link}`
        : DEV && !(options as SdkErrorOptions).sdkWords
          ? `${message} See ${link}`
          : message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.refreshable = REFRESHABLE_CODES.has(code);
  }
}

const CODE_AT_END = /\(([a-z_]+)\)\s*$/;

export interface ParseSdkErrorOptions {
  /** What the SDK's `onError` received: a `"message (code)"` string, an Error, or an object. */
  error: unknown;
}

/** Turns whatever the SDK's `onError` gives into a `CaptchalaError` (contract §2 parsing rules). */
export function parseSdkError(options: ParseSdkErrorOptions): CaptchalaError {
  const { error } = options;
  if (error instanceof CaptchalaError) return error;
  const text =
    typeof error === 'string'
      ? error
      : error instanceof Error
        ? error.message
        : stringField(error, 'message');
  const fromText = text ? CODE_AT_END.exec(text)?.[1] : undefined;
  const code = fromText ?? stringField(error, 'code') ?? stringField(error, 'error') ?? 'unknown_error';
  const message = (text ?? '').replace(CODE_AT_END, '').trim() || `CaptchaLa reported ${code}`;
  // The SDK's own words stay as it said them (development builds append the link to the kit's messages only).
  return new CaptchalaError({
    code,
    message,
    cause: error,
    ...(DEV && { sdkWords: true }),
  } as SdkErrorOptions);
}

function stringField(value: unknown, key: string): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field ? field : undefined;
}
