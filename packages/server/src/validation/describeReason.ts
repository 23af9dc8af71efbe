import { DEFAULTS } from '../DEFAULTS';
import { type FailureKind, ValidationReason as R, ValidationKind } from './ValidationResult';

/** What each reason means and what to do about it, for logs. Mirrored by the README's table. */
const HINTS: Readonly<Record<string, string>> = {
  [R.EmptyToken]: `no pass token arrived: is the widget inside the form, and does the server read the field it writes (default "${DEFAULTS.tokenField}")?`,
  [R.NotAString]: 'the token field is not one string.',
  [R.TokenTooLong]: 'longer than any pass token: not a CaptchaLa token.',
  [R.InvalidCharacters]: 'not a pass token: it holds characters no token has.',
  [R.UnknownPrefix]: 'not a pass token.',
  [R.InvalidToken]:
    'CaptchaLa does not know this token: forged, solved with another app key, or sent to the wrong endpoint. The user solves again.',
  [R.TokenExpired]:
    'the token expired before it was validated: the form sat too long after the challenge. The element refreshes tokens before submit; a hand-wired form must re-run the challenge.',
  [R.TokenConsumed]:
    'the token was validated before: a replay, a double submit, or a resubmitted form. Tokens are single-use: every submit needs a fresh one.',
  [R.TokenActionMismatch]:
    "the token was solved for another action than this endpoint expects: compare the widget's action with expectedAction.",
  [R.TokenIpMismatch]:
    "the token's server token was bound to another IP: behind proxies check getClientIp's trustProxy; on dual-stack networks do not bind to IPs.",
  [R.TokenUidMismatch]: 'the token was bound (bind_uid) to another user than expectedUid.',
  [R.BindingMismatch]: "the token's IP or uid binding does not match.",
  [R.InvalidAction]: 'CaptchaLa refused the action name.',
  [R.UnknownError]: 'CaptchaLa refused without naming a reason.',
  [R.ClientOnlyToken]:
    'a client-only token (client_/co_): it cannot be verified server-side and anybody can type one, so it is refused without a call. Let such tokens in only with acceptClientOnly: true, where a bot getting through does not matter.',
  [R.ClientIpUnknown]:
    "an IP binding was asked for (clientIp) but the client's address could not be established (no peer address, an unparseable or obfuscated forwarding hop): check getClientIp's trustProxy and forwardedHeader against your proxies.",
  [R.InvalidAppKey]:
    'CaptchaLa does not know the app key: check CAPTCHALA_APP_KEY, and that key and secret are not swapped.',
  [R.InvalidAppSecret]:
    'CaptchaLa refused the app secret: check that CAPTCHALA_APP_SECRET belongs to this app key (rotated? swapped? from another environment?).',
  [R.InvalidCredentials]: 'CaptchaLa refused the app key and secret: check both.',
  [R.AppDisabled]: 'the app is disabled in the CaptchaLa dashboard.',
  [R.UnexpectedRedirect]:
    'the API URL answered with a redirect: configure the final https URL (baseUrl, fallbackUrl).',
  [R.RateLimitExceeded]:
    "CaptchaLa rate-limited this app: not the user's fault; retry later or raise the limit.",
  [R.RequestFailed]: 'CaptchaLa reported a failed request.',
  [R.Timeout]: 'CaptchaLa did not answer in time.',
  [R.NetworkError]: 'CaptchaLa could not be reached (DNS, firewall, egress proxy?).',
  [R.ProviderError]: 'CaptchaLa failed to answer (5xx).',
  [R.BadResponse]:
    "CaptchaLa's answer was not its JSON envelope: a proxy, WAF or captive page in between, or a wrong URL?",
  [R.OutcomeUnknown]:
    "an earlier attempt's answer was lost and the retry found the token consumed, most likely by that attempt: not a replay. The user solves again.",
  [R.Aborted]: 'the caller aborted the validation.',
  [R.QuotaExhausted]:
    "degraded token: the app's quota is exhausted, so the user was not challenged. Accept or refuse by policy, and raise the quota.",
};

const BY_KIND: Readonly<Record<FailureKind, string>> = {
  [ValidationKind.Invalid]: 'CaptchaLa refused the token.',
  [ValidationKind.Misconfigured]:
    'CaptchaLa refused the request: check the app key, the secret and the URLs.',
  [ValidationKind.Unavailable]: 'CaptchaLa gave no verdict.',
  [ValidationKind.Malformed]: 'not a pass token.',
};

/** `"<reason>: <what it means and what to do> (<detail>)"`. */
export function describeReason(reason: string, kind: FailureKind, detail: string): string {
  return `${reason}: ${HINTS[reason] ?? BY_KIND[kind]}${detail ? ` (${detail})` : ''}`;
}
