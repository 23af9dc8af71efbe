// Paths the playground's dev server and its pages agree on. Constants only: pages import this module too.

/** Where the offline stand-in is mounted in the dev server (`captchalaFake()`'s default base path). */
export const FAKE_BASE_PATH = '/__captchala';

/** Where the "why invalid?" page's site backend is mounted. */
export const WHY_INVALID_BASE = '/api/why-invalid';
