import type { TestProject } from 'vitest/node';
import { startFakeCaptchala } from './startFakeCaptchala';

/**
 * Vitest `globalSetup`: starts one stand-in for the run and provides its base URL to tests as
 * `inject('captchalaUrl')` (loader at `${url}/captchala-loader.js`, control at `${url}/__control/*`).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fake = await startFakeCaptchala();
  project.provide('captchalaUrl', fake.url);
  return () => fake.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the offline CaptchaLa started by `@captchala-kit/testing/vitest`. */
    captchalaUrl: string;
  }
}
