// `@captchala-kit/core/internal`: what the element (and tests) need from core that users do not — the controller
// behind `<captchala-widget>` and the platforms it runs on. NOT public API: not covered by semver, no API report,
// may change in any release. Import `@captchala-kit/core` instead; if you need something from here, open an issue.
// Built as its own entry sharing chunks with the public one, so the element's bundle holds one copy of core.
export type {
  CaptchalaController,
  CaptchalaControllerEvents,
  CaptchalaControllerOptions,
  ControllerPlatform,
} from './controllerTypes';
export { createCaptchalaController } from './createCaptchalaController';
export { type LoaderOptions, loadCaptchala } from './loadCaptchala';
export type { CspViolation, LoaderPlatform, ScriptHandle } from './loaderPlatform';
export { type NotMountedErrorOptions, notMountedError } from './notMountedError';
export type { CaptchalaGlobals } from './sdk';
