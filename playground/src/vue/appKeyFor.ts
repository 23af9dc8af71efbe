import config from 'virtual:playground-config';

/** Offline, the stand-in test key that shows a scenario's behaviour; live, always your real key. */
export function appKeyFor(testKey: string): string {
  return config.mode === 'offline' ? testKey : config.appKey;
}
