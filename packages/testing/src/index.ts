export {
  createFakeCaptchala,
  type FakeCaptchalaOptions,
  type FakeCaptchalaParts,
} from './createFakeCaptchala';
export {
  createFakeCaptchalaHandler,
  FakeApiMode,
  type FakeCaptchalaHandler,
  type FakeCaptchalaHandlerOptions,
} from './server/createFakeCaptchalaHandler';
export {
  type ChallengeRecord,
  type FakeInspection,
  type FakeState,
  type FakeStateOptions,
  type PassTokenRecord,
  type ServerTokenRecord,
  ValidateEndpoint,
  type ValidationRecord,
} from './server/FakeState';
export { type FakeCaptchala, type StartFakeCaptchalaOptions, startFakeCaptchala } from './startFakeCaptchala';
export {
  ChallengeBehaviour,
  type FindTestAppOptions,
  findTestApp,
  PassTokenPrefix,
  TEST_APP_KEYS,
  TEST_APP_SECRET,
  type TestApp,
} from './testApps';
