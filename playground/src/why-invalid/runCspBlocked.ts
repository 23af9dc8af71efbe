import type { SiteLogEntry } from '../../server/siteLog';
import type { CauseRunner } from './CauseContext';
import { siteLog } from './callSite';
import { type FrameMessage, frameMessages } from './frameMessages';

/** How long the browser may take to send its CSP report before the server side is shown without one. */
const REPORT_WAIT_MS = 5_000;

const describe = (message: FrameMessage) =>
  message.type === 'captchala-error'
    ? `captchala-error ${message.code}`
    : message.type === 'submitted'
      ? `submitted (HTTP ${message.status})`
      : 'captchala-ready: nothing blocked CaptchaLa';

/** The run's log once the browser's CSP report named a cause, or as it is when none came in time. */
async function reportedLog(id: string): Promise<SiteLogEntry | null> {
  const deadline = Date.now() + REPORT_WAIT_MS;
  for (;;) {
    const entry = await siteLog(id);
    if (entry?.named || Date.now() > deadline) return entry;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Cause 5: a page whose CSP blocks CaptchaLa's SDK, in a frame. Its widget names `loader_blocked_csp`; its form's
 * submit is refused at once; the site received no submission, and the browser's CSP report names the same.
 */
export const runCspBlocked: CauseRunner = async ({ view }) => {
  const run = Math.random().toString(36).slice(2, 12);
  const frame = document.createElement('iframe');
  frame.title = 'A page whose CSP blocks CaptchaLa';
  frame.src = `${import.meta.env.BASE_URL}pages/csp-blocked-frame.html?run=${run}`;
  const messages = frameMessages(frame);
  try {
    view.progress('Loading the frame…');
    view.section.querySelector('[data-frame]')!.replaceChildren(frame);
    const loaded = await messages.next();
    const client = view.client.step('load', 'What the element reported');
    client.fact('event', 'event', describe(loaded));
    view.name('client', loaded.type === 'captchala-error' ? loaded.code : loaded.type);
    // Only a blocked widget has a submit to show: a working one waits for a person to solve its challenge.
    if (loaded.type === 'captchala-error') {
      client.fact('message', 'message', loaded.message);
      view.progress("Submitting the frame's form…");
      frame.contentDocument?.querySelector('form')?.requestSubmit();
      const submitted = await messages.next();
      view.client.step('submit', 'The submit').fact('outcome', 'outcome', describe(submitted));
    }

    view.progress("Reading the site's log…");
    const entry = await reportedLog(`csp-${run}`);
    view.server.step('run', 'This run').log(entry);
    view.name('server', entry?.named ?? 'none');
    view.mark('submissions', entry?.facts.find((fact) => fact.key === 'submissions')?.value ?? 'none');
    view.progress('Done.');
  } finally {
    messages.stop();
  }
};
