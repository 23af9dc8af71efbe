import config from 'virtual:playground-config';
import type { CaptchalaWidget } from '@captchala-kit/element';
import { allowCaptchalaScripts } from './allowCaptchalaScripts';
import { isolated } from './isolatedKey';
import type { CauseRunner } from './why-invalid/CauseContext';
import { causeView } from './why-invalid/causeView';
import { ipMismatchRunner } from './why-invalid/ipMismatchRunner';
import { runCspBlocked } from './why-invalid/runCspBlocked';
import { runCsrf } from './why-invalid/runCsrf';
import { runExpired } from './why-invalid/runExpired';
import { runForged } from './why-invalid/runForged';
import { runRefusedSubmit } from './why-invalid/runRefusedSubmit';
import { runReplay } from './why-invalid/runReplay';

allowCaptchalaScripts();

const offline = config.mode === 'offline';
if (!offline) document.querySelector<HTMLElement>('#live-note')!.hidden = false;

for (const widget of document.querySelectorAll<CaptchalaWidget>('captchala-widget')) {
  widget.setAttribute('app-key', offline ? isolated(widget.dataset['fakeKey']!) : config.appKey);
  widget.setAttribute('loader-src', config.loaderUrl);
  // Submissions go out from the runners only; a stray one never navigates away.
  widget.closest('form')!.addEventListener('submit', (event) => event.preventDefault());
}

const section = (cause: string) => document.querySelector<HTMLElement>(`section[data-cause="${cause}"]`)!;
const RUNNERS: Record<string, CauseRunner> = {
  expired: runExpired,
  replay: runReplay,
  'wrong-secret': runRefusedSubmit({ route: '/wrong-secret' }),
  unavailable: runRefusedSubmit({ route: '/submit' }),
  ip: ipMismatchRunner({ section: section('ip') }),
  csp: runCspBlocked,
  csrf: runCsrf,
  forged: runForged,
};

for (const [cause, run] of Object.entries(RUNNERS)) {
  const view = causeView(section(cause));
  if (!offline && view.section.dataset['needs'] === 'stand-in') {
    view.runButton.disabled = true;
    view.progress("Stand-in only: this scenario needs the offline stand-in's test keys.");
    continue;
  }
  view.runButton.addEventListener('click', async () => {
    view.runButton.disabled = true;
    view.clear();
    view.mark('state', 'running');
    try {
      await run({ view, offline });
      view.mark('state', 'done');
    } catch (error) {
      view.progress(`Stopped: ${error instanceof Error ? error.message : String(error)}`);
      view.mark('state', 'failed');
    } finally {
      view.runButton.disabled = false;
    }
  });
}

await import('@captchala-kit/element/define');
