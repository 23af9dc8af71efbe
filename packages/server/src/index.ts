export type { BodyFields, NodeRequest } from './body/readBody';
export {
  CaptchalaClient,
  type IssueServerTokenOptions,
  type IssueServerTokenResult,
  type ValidateOptions,
} from './client/CaptchalaClient';
export { CaptchalaConfigError, ConfigErrorCode } from './client/CaptchalaConfigError';
export type {
  CaptchalaDiagnostic,
  CaptchalaDiagnosticBase,
  IssueDiagnostic,
  ValidationDiagnostic,
} from './client/CaptchalaDiagnostic';
export { DiagnosticLevel } from './client/CaptchalaDiagnostic';
export type { CaptchalaClientOptions } from './client/checkClientOptions';
export type { TrustProxy } from './clientIp/compileTrustProxy';
export {
  type ClientIp,
  ClientIpSource,
  type ForwardedHeader,
  type GetClientIpOptions,
  getClientIp,
  type NodeRequestLike,
} from './clientIp/getClientIp';
export { CaptchalaHttpError, HttpErrorCode } from './handlers/CaptchalaHttpError';
export {
  createServerTokenHandler,
  type ServerTokenBinding,
  type ServerTokenHandlerOptions,
  type WebHandler,
} from './handlers/createServerTokenHandler';
export {
  type CaptchalaRequest,
  createValidateMiddleware,
  type ValidateMiddlewareOptions,
} from './handlers/createValidateMiddleware';
export {
  type CaptchalaTokenInput,
  type ReadCaptchalaTokenOptions,
  readCaptchalaToken,
} from './handlers/readCaptchalaToken';
export { type NodeHandler, type ToNodeHandlerOptions, toNodeHandler } from './handlers/toNodeHandler';
export { validationFailureResponse } from './handlers/validationFailureResponse';
export { redactToken } from './validation/redactToken';
export {
  type FailedResult,
  type FailureKind,
  type ProviderFailureKind,
  ValidationKind,
  ValidationReason,
  type ValidationResult,
  type ValidationResultBase,
  type ValidResult,
} from './validation/ValidationResult';
