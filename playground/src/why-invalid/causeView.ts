import type { SiteLogEntry } from '../../server/siteLog';

/** One step of a run on one side: a title, its facts, and a diagnostic record when the server logged one. */
export interface Step {
  /** Shows `value` under `label`, in `dd[data-fact=key]`. */
  fact(key: string, label: string, value: string | Node): void;
  /** Every fact of a site log entry, and its diagnostic record. */
  log(entry: SiteLogEntry | null): void;
}

/** The client or the server column. */
export interface Side {
  /** A new step, `[data-step=key]`. */
  step(key: string, title: string): Step;
}

/** A section of the page: its Run button, progress line, both columns, and the results specs read. */
export interface CauseView {
  section: HTMLElement;
  runButton: HTMLButtonElement;
  client: Side;
  server: Side;
  progress(text: string): void;
  /** What a side names the cause by: shown atop its column, and as `data-client-reason`/`data-server-reason`. */
  name(side: 'client' | 'server', reason: string): void;
  /** Sets `data-<name>` on the section (what specs read): `state`, `next-verdict`, … */
  mark(name: string, value: string): void;
  /** Empties both columns and removes every mark, for a new run. */
  clear(): void;
}

/** A column headed `title` (an `h<level>`), `[data-side=key]`. */
function side(
  key: string,
  title: string,
  level: number,
): Side & {
  column: HTMLElement;
  name(reason: string): void;
  clear(): void;
} {
  const column = document.createElement('div');
  column.dataset['side'] = key;
  const heading = document.createElement(`h${level}`);
  heading.textContent = title;
  column.append(heading);
  const named = document.createElement('p');
  named.className = 'named';
  return {
    column,
    name(reason) {
      named.replaceChildren(
        'names ',
        Object.assign(document.createElement('strong'), { textContent: reason }),
      );
      heading.after(named);
    },
    step(key, title) {
      const block = document.createElement('div');
      block.dataset['step'] = key;
      const heading = document.createElement('p');
      heading.className = 'step';
      heading.textContent = title;
      const list = document.createElement('dl');
      block.append(heading, list);
      column.append(block);
      const fact = (factKey: string, label: string, value: string | Node) => {
        const term = document.createElement('dt');
        term.textContent = label;
        const detail = document.createElement('dd');
        detail.dataset['fact'] = factKey;
        detail.append(value);
        list.append(term, detail);
      };
      return {
        fact,
        log(entry) {
          if (!entry) return fact('log', 'log', 'nothing logged');
          fact('request-id', 'request id', entry.id);
          for (const logged of entry.facts) fact(logged.key, logged.label, logged.value);
          if (!entry.diagnostic) return;
          const record = document.createElement('pre');
          record.dataset['diagnostic'] = '';
          record.textContent = JSON.stringify(entry.diagnostic, null, 2);
          fact('diagnostic', 'diagnostic record', record);
        },
      };
    },
    clear() {
      named.remove();
      for (const block of column.querySelectorAll('[data-step]')) block.remove();
    },
  };
}

/**
 * The section's Run button, progress line and client/server columns, built before its "The kit:" note (`p.kit`);
 * column headings sit one level below the section's own heading.
 */
export function causeView(section: HTMLElement): CauseView {
  const level = section.querySelector(':scope > h2') ? 3 : 4;
  const client = side('client', 'Client', level);
  const server = side('server', 'Server', level);
  const runButton = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Run' });
  runButton.dataset['run'] = '';
  const progressLine = document.createElement('p');
  progressLine.dataset['progress'] = '';
  progressLine.setAttribute('role', 'status');
  const run = Object.assign(document.createElement('div'), { className: 'run' });
  run.append(runButton, progressLine);
  const sides = Object.assign(document.createElement('div'), { className: 'sides' });
  sides.append(client.column, server.column);
  section.querySelector(':scope > p.kit')!.before(run, sides);
  const marks = new Set<string>();
  const mark = (name: string, value: string) => {
    marks.add(name);
    section.setAttribute(`data-${name}`, value);
  };
  return {
    section,
    runButton,
    client,
    server,
    progress(text) {
      progressLine.textContent = text;
    },
    name(which, reason) {
      (which === 'client' ? client : server).name(reason);
      mark(`${which}-reason`, reason);
    },
    mark,
    clear() {
      client.clear();
      server.clear();
      for (const name of marks) section.removeAttribute(`data-${name}`);
      marks.clear();
    },
  };
}
