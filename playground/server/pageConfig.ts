import type { Plugin } from 'vite';
import type { PlaygroundConfig } from './playgroundConfig';

const ID = 'virtual:playground-config';
const RESOLVED = `\0${ID}`;

/** `virtual:playground-config`: what pages may know (never the secret). */
export function pageConfig(config: PlaygroundConfig): Plugin {
  const exposed = { mode: config.mode, loaderUrl: config.loaderUrl, appKey: config.appKey };
  return {
    name: 'captchala-playground-config',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(exposed)};` : undefined),
  };
}
