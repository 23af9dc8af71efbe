/** What is wrong with a `CaptchalaClient`'s options. */
export const ConfigErrorCode = {
  MissingAppKey: 'missing_app_key',
  MissingAppSecret: 'missing_app_secret',
  /** Whitespace, control characters, an interpolated `"undefined"`, a token pasted as a credential. */
  MalformedCredential: 'malformed_credential',
  KeySecretSwapped: 'key_secret_swapped',
  InvalidUrl: 'invalid_url',
  InsecureUrl: 'insecure_url',
  InvalidOption: 'invalid_option',
} as const;
export type ConfigErrorCode = (typeof ConfigErrorCode)[keyof typeof ConfigErrorCode];

/** Thrown by `new CaptchalaClient()` for a configuration that cannot work; the message says how to fix it. */
export class CaptchalaConfigError extends Error {
  override readonly name = 'CaptchalaConfigError';
  readonly code: ConfigErrorCode;
  constructor(code: ConfigErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
