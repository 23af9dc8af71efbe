export { createFakeCaptchala, type FakeCaptchalaOptions } from './createFakeCaptchala';
export {
  createFakeCaptchalaHandler,
  FakeApiMode,
  type FakeCaptchalaHandler,
  type FakeCaptchalaHandlerOptions,
} from './server/createFakeCaptchalaHandler';
export type {
  FakeInspection,
  PassTokenRecord,
  ServerTokenRecord,
  ValidationRecord,
} from './server/FakeState';
export { type FakeCaptchala, type StartFakeCaptchalaOptions, startFakeCaptchala } from './startFakeCaptchala';
export { ChallengeBehaviour, findTestApp, TEST_APP_KEYS, TEST_APP_SECRET, type TestApp } from './testApps';
