import { Engine, type EngineDriver } from './EngineDriver';
import { type FoundEngines, findEngines, INSTALL_HINT } from './findEngines';
import { launchFirefox } from './firefoxDriver';
import { launchWebKit } from './webkitDriver';

export type DrivenEngine = Exclude<Engine, typeof Engine.Chromium>;

/** Launches Firefox or WebKitGTK (one tab); throws, saying what to install, when it is not there. */
export function launchEngine(
  engine: DrivenEngine,
  found: FoundEngines = findEngines(),
): Promise<EngineDriver> {
  if (engine === Engine.Firefox) {
    const firefox = found[Engine.Firefox];
    if (!firefox) throw new Error(`Firefox is not installed: ${INSTALL_HINT[Engine.Firefox]}.`);
    return launchFirefox(firefox);
  }
  const webkit = found[Engine.WebKit];
  if (!webkit) throw new Error(`WebKitGTK is not installed: ${INSTALL_HINT[Engine.WebKit]}.`);
  return launchWebKit(webkit);
}
