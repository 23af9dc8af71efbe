export {
  CaptchalaClient,
  type IssueServerTokenOptions,
  type IssueServerTokenResult,
  type ValidateOptions,
} from './CaptchalaClient';
export { CaptchalaConfigError, ConfigErrorCode } from './CaptchalaConfigError';
export type { CaptchalaDiagnostic, IssueDiagnostic, ValidationDiagnostic } from './CaptchalaDiagnostic';
export { DiagnosticLevel } from './CaptchalaDiagnostic';
export { CaptchalaHttpError, HttpErrorCode } from './CaptchalaHttpError';
export type { CaptchalaClientOptions } from './checkClientOptions';
export type { TrustProxy } from './compileTrustProxy';
export {
  createServerTokenHandler,
  type ServerTokenBinding,
  type ServerTokenHandlerOptions,
  type WebHandler,
} from './createServerTokenHandler';
export {
  type CaptchalaRequest,
  createValidateMiddleware,
  type ValidateMiddlewareOptions,
} from './createValidateMiddleware';
export {
  type ClientIp,
  ClientIpSource,
  type ForwardedHeader,
  type GetClientIpOptions,
  getClientIp,
  type NodeRequestLike,
} from './getClientIp';
export type { BodyFields, NodeRequest } from './readBody';
export {
  type CaptchalaTokenInput,
  type ReadCaptchalaTokenOptions,
  readCaptchalaToken,
} from './readCaptchalaToken';
export { redactToken } from './redactToken';
export { type NodeHandler, type ToNodeHandlerOptions, toNodeHandler } from './toNodeHandler';
export {
  type FailedResult,
  type FailureKind,
  type ProviderFailureKind,
  ValidationKind,
  ValidationReason,
  type ValidationResult,
  type ValidResult,
} from './ValidationResult';
export { validationFailureResponse } from './validationFailureResponse';
