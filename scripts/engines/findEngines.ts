import { existsSync, readdirSync } from 'node:fs';
import { Engine } from './EngineDriver';

export interface FoundFirefox {
  executablePath: string;
}

export interface FoundWebKit {
  /** `WebKitWebDriver` (Debian's webkit2gtk-driver). */
  driver: string;
  /** MiniBrowser, the browser it automates. */
  browser: string;
  /** `Xvfb`, the display it runs on when there is none. */
  xvfb: string | null;
}

export interface FoundEngines {
  [Engine.Firefox]: FoundFirefox | null;
  [Engine.WebKit]: FoundWebKit | null;
}

const first = (paths: ReadonlyArray<string | undefined>) =>
  paths.find((path): path is string => Boolean(path && existsSync(path))) ?? null;

/** MiniBrowser lives under the multiarch lib dir of the webkit2gtk API version installed. */
function miniBrowser(): string | null {
  const candidates: string[] = [];
  for (const lib of ['/usr/lib', '/usr/libexec']) {
    if (!existsSync(lib)) continue;
    for (const arch of readdirSync(lib)) {
      for (const api of ['webkit2gtk-4.1', 'webkit2gtk-4.0', 'webkitgtk-6.0']) {
        candidates.push(`${lib}/${arch}/${api}/MiniBrowser`, `${lib}/${api}/MiniBrowser`);
      }
    }
  }
  return first(candidates);
}

/**
 * Firefox and WebKitGTK where they are installed: `FIREFOX_PATH`, `WEBKIT_WEBDRIVER_PATH` and `MINIBROWSER_PATH`
 * name them explicitly, else Debian's paths. Null for an engine that is not there.
 */
export function findEngines(env: Record<string, string | undefined> = process.env): FoundEngines {
  const firefox = first([env['FIREFOX_PATH'], '/usr/bin/firefox-esr', '/usr/bin/firefox']);
  const driver = first([env['WEBKIT_WEBDRIVER_PATH'], '/usr/bin/WebKitWebDriver']);
  const browser =
    env['MINIBROWSER_PATH'] && existsSync(env['MINIBROWSER_PATH']) ? env['MINIBROWSER_PATH'] : miniBrowser();
  return {
    [Engine.Firefox]: firefox ? { executablePath: firefox } : null,
    [Engine.WebKit]: driver && browser ? { driver, browser, xvfb: first(['/usr/bin/Xvfb']) } : null,
  };
}

/** What to install for a missing engine (Debian's packages; `.ci/run` installs them). */
export const INSTALL_HINT: Record<Exclude<Engine, 'chromium'>, string> = {
  [Engine.Firefox]: 'apt-get install firefox-esr (or set FIREFOX_PATH)',
  [Engine.WebKit]:
    'apt-get install webkit2gtk-driver xvfb (or set WEBKIT_WEBDRIVER_PATH and MINIBROWSER_PATH)',
};
