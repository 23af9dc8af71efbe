import type { Plugin } from 'vite';
import type { PlaygroundConfig } from './playgroundConfig';

const ID = 'virtual:playground-config';
const RESOLVED = `\0${ID}`;

/** `virtual:playground-config`: what pages may know (never the secret). */
export function pageConfig(config: PlaygroundConfig): Plugin {
  const { mode, loaderUrl, allowedScripts, appKey } = config;
  const exposed = { mode, loaderUrl, allowedScripts, appKey };
  return {
    name: 'captchala-playground-config',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(exposed)};` : undefined),
  };
}
