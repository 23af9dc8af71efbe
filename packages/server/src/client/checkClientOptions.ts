import { DEFAULTS } from '../DEFAULTS';
import { isNode, nodeTransport } from '../transport/nodeTransport';
import { fetchTransport, type Transport } from '../transport/postJson';
import { PASS_TOKEN_PREFIXES } from '../validation/checkPassToken';
import { CaptchalaConfigError, ConfigErrorCode } from './CaptchalaConfigError';
import type { CaptchalaDiagnostic } from './CaptchalaDiagnostic';

export interface CaptchalaClientOptions {
  /** The app's public key (the one the widget has). */
  appKey: string;
  /** The app's secret: server side only. Never logged, never in a result or diagnostic. */
  appSecret: string;
  /** API base (default `https://apiv1.captcha.la`); https, or http on localhost/127.0.0.1/::1 only. */
  baseUrl?: string;
  /** Where `offline_` tokens validate (default `https://fallbackapiv1.captchala.com/api/validate`), a full URL. */
  fallbackUrl?: string;
  /** Per HTTP attempt (default 5000, like the official SDKs). */
  timeoutMs?: number;
  /**
   * One whole call, retries included (default 6000): past it the answer is `unavailable`/`timeout`, so a slow or
   * silent CaptchaLa cannot hold your requests. Attempts are cut to what is left of it.
   */
  deadlineMs?: number;
  /** Extra attempts after a lost answer or a 5xx (default 1, at most 5). */
  retries?: number;
  /**
   * Talk to CaptchaLa through this fetch (tests, proxies, instrumented clients). By default, on Node: its own
   * `http`/`https` with the global keep-alive agents (a quarter of `fetch`'s CPU per call); elsewhere the global
   * `fetch`.
   */
  fetch?: typeof fetch;
  /** A name for this deployment (`production`, `staging`…), copied into every diagnostic. */
  environment?: string;
  /** Receives one record per call to CaptchaLa: send it to your logs. */
  onDiagnostic?: (diagnostic: CaptchalaDiagnostic) => void;
}

export interface ClientConfig {
  appKey: string;
  appSecret: string;
  baseUrl: string;
  fallbackUrl: string;
  timeoutMs: number;
  deadlineMs: number;
  retries: number;
  transport: Transport;
  environment: string | null;
  onDiagnostic: ((diagnostic: CaptchalaDiagnostic) => void) | undefined;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** What a pasted token looks like: the widget's value used as a credential. */
const TOKEN_PREFIXES = [...PASS_TOKEN_PREFIXES, 'sct_'];
/** The vendor's public demo key (contract §2): never a secret. */
const PUBLIC_KEYS = new Set(['demo_app']);
/** Published secrets (the offline stand-in's): never a key. */
const PUBLIC_SECRETS = new Set(['test_secret']);

function fail(code: ConfigErrorCode, message: string): never {
  throw new CaptchalaConfigError(code, `CaptchalaClient: ${message}`);
}

function checkCredential(value: unknown, name: 'appKey' | 'appSecret', env: string): string {
  const missing = name === 'appKey' ? ConfigErrorCode.MissingAppKey : ConfigErrorCode.MissingAppSecret;
  if (value === undefined || value === null || value === '') {
    fail(missing, `${name} is missing. Pass it from the CaptchaLa dashboard, e.g. process.env.${env}.`);
  }
  if (typeof value !== 'string') fail(missing, `${name} must be a string, got ${typeof value}.`);
  // The value itself is never put into a message: it may be the secret.
  if (value.trim() !== value) {
    fail(
      ConfigErrorCode.MalformedCredential,
      `${name} has leading or trailing whitespace (a newline from a .env file or a secret store?). Trim it.`,
    );
  }
  if (!/^[\x21-\x7e]+$/.test(value)) {
    fail(ConfigErrorCode.MalformedCredential, `${name} holds spaces, control or non-ASCII characters.`);
  }
  if (value === 'undefined' || value === 'null') {
    fail(
      ConfigErrorCode.MalformedCredential,
      `${name} is the string "${value}": an unset environment variable (${env}) was turned into a string.`,
    );
  }
  if (TOKEN_PREFIXES.some((prefix) => value.startsWith(prefix))) {
    fail(
      ConfigErrorCode.MalformedCredential,
      `${name} looks like a token (pt_/sct_/…), not a credential: use the ${name} from the dashboard.`,
    );
  }
  return value;
}

function checkUrl(value: unknown, name: 'baseUrl' | 'fallbackUrl'): string {
  if (typeof value !== 'string') fail(ConfigErrorCode.InvalidUrl, `${name} must be a string URL.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(ConfigErrorCode.InvalidUrl, `${name} ${JSON.stringify(value)} is not an absolute URL.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    fail(ConfigErrorCode.InvalidUrl, `${name} must not carry credentials, a query or a fragment.`);
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    fail(
      ConfigErrorCode.InsecureUrl,
      `${name} ${JSON.stringify(url.origin)} is not https: the app secret would travel in clear text. ` +
        'Use https (plain http is accepted for localhost, 127.0.0.1 and ::1 only).',
    );
  }
  return url.href.replace(/\/+$/, '');
}

function checkNumber(value: unknown, name: string, min: number, max: number, integer: boolean): number {
  if (typeof value !== 'number' || !(value >= min && value <= max) || (integer && !Number.isInteger(value))) {
    fail(
      ConfigErrorCode.InvalidOption,
      `${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${String(value)}.`,
    );
  }
  return value;
}

/**
 * Validates a client's options once, at construction, and applies the defaults. Key and secret shapes are not
 * published, so "swapped" is only diagnosed where it is certain: the same value twice, the public demo key as
 * the secret, or a published secret as the key.
 */
export function checkClientOptions(options: CaptchalaClientOptions): ClientConfig {
  if (!options || typeof options !== 'object') {
    throw new TypeError('CaptchalaClient: expected an options object {appKey, appSecret, …}.');
  }
  const appKey = checkCredential(options.appKey, 'appKey', 'CAPTCHALA_APP_KEY');
  const appSecret = checkCredential(options.appSecret, 'appSecret', 'CAPTCHALA_APP_SECRET');
  if (appKey === appSecret) {
    fail(ConfigErrorCode.KeySecretSwapped, 'appKey and appSecret are the same value: one of them is wrong.');
  }
  if (PUBLIC_KEYS.has(appSecret) || PUBLIC_SECRETS.has(appKey)) {
    fail(
      ConfigErrorCode.KeySecretSwapped,
      'appKey and appSecret look swapped: the public key is in appSecret or the secret in appKey.',
    );
  }
  const { environment, onDiagnostic } = options;
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    fail(ConfigErrorCode.InvalidOption, 'fetch must be a function.');
  }
  const node = options.fetch === undefined && isNode();
  if (options.fetch === undefined && !node && typeof globalThis.fetch !== 'function') {
    fail(ConfigErrorCode.InvalidOption, 'this runtime has no global fetch: pass options.fetch.');
  }
  const transport = node
    ? nodeTransport
    : // Called on globalThis: some runtimes refuse a detached fetch ("Illegal invocation").
      fetchTransport(options.fetch ?? ((input, init) => globalThis.fetch(input, init)));
  if (environment !== undefined && typeof environment !== 'string') {
    fail(ConfigErrorCode.InvalidOption, 'environment must be a string.');
  }
  if (onDiagnostic !== undefined && typeof onDiagnostic !== 'function') {
    fail(ConfigErrorCode.InvalidOption, 'onDiagnostic must be a function.');
  }
  return {
    appKey,
    appSecret,
    baseUrl: checkUrl(options.baseUrl ?? DEFAULTS.baseUrl, 'baseUrl'),
    fallbackUrl: checkUrl(options.fallbackUrl ?? DEFAULTS.fallbackUrl, 'fallbackUrl'),
    timeoutMs: checkNumber(options.timeoutMs ?? DEFAULTS.timeoutMs, 'timeoutMs', 1, 120_000, false),
    deadlineMs: checkNumber(options.deadlineMs ?? DEFAULTS.deadlineMs, 'deadlineMs', 1, 300_000, false),
    retries: checkNumber(options.retries ?? DEFAULTS.retries, 'retries', 0, DEFAULTS.maxRetries, true),
    transport,
    environment: environment ?? null,
    onDiagnostic,
  };
}
