import type { CDPSession } from 'playwright';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  function: string;
  file: string;
  line: number;
  ms: number;
}

export interface ProfileSummary {
  /** Milliseconds per file (`kit-core`, `vendor-lit`, `SDK (stand-in)`, …) or V8 bucket (`(program)`), idle excluded. */
  byFile: Record<string, number>;
  /** Milliseconds per function (self time, plus the browser built-ins it called), longest first, idle excluded. */
  byFunction: FunctionTime[];
}

/**
 * The file a URL names, as the bench pages are chunked (`assets/kit-core-abc123.js` → `kit-core`): the kit's
 * packages (`kit-*`), libraries (`vendor-*`), the stand-in's SDK, and the bench page's own drivers.
 */
function fileOf(url: string): string {
  if (url.endsWith('/captchala.js')) return 'SDK (stand-in)';
  const chunk = url.match(/\/assets\/(.+)-[\w-]{8}\.js$/)?.[1];
  if (!chunk) return url || '(other)';
  return /^(kit|vendor)-/.test(chunk) ? chunk : 'bench page';
}

/** Runs `work` under the CDP sampling profiler (every 50 µs) and sums where the main thread's time went. */
export async function profile<T>(cdp: CDPSession, work: () => Promise<T>): Promise<[T, ProfileSummary]> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile: recorded } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.send('Profiler.disable');
  return [result, summarise(recorded)];
}

function summarise(recorded: Profile): ProfileSummary {
  const nodes = new Map(recorded.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, ProfileNode>();
  for (const node of recorded.nodes) for (const child of node.children ?? []) parents.set(child, node);
  /** A built-in (no URL: `append`, `attachShadow`, `fetch`) counts for the script function that called it. */
  const owner = (node: ProfileNode): ProfileNode => {
    let current = node;
    while (!current.callFrame.url && !current.callFrame.functionName.startsWith('(')) {
      const parent = parents.get(current.id);
      if (!parent || parent.callFrame.functionName === '(root)') break;
      current = parent;
    }
    return current;
  };
  const times = new Map<ProfileNode, number>();
  recorded.samples.forEach((id, index) => {
    const node = owner(nodes.get(id) as ProfileNode);
    if (node.callFrame.functionName === '(idle)') return;
    times.set(node, (times.get(node) ?? 0) + (recorded.timeDeltas[index + 1] ?? 0) / 1000);
  });
  return mergeProfiles(
    [...times].map(([node, ms]) => {
      const { functionName, url, lineNumber } = node.callFrame;
      const file = url || !functionName ? fileOf(url) : functionName;
      return {
        byFile: { [file]: ms },
        byFunction: [{ function: functionName || '(anonymous)', file, line: lineNumber + 1, ms }],
      };
    }),
  );
}

/** Adds summaries up (functions by name, file and line), longest first. */
export function mergeProfiles(summaries: ProfileSummary[]): ProfileSummary {
  const byFile: Record<string, number> = {};
  const functions = new Map<string, FunctionTime>();
  for (const summary of summaries) {
    for (const [file, ms] of Object.entries(summary.byFile)) byFile[file] = (byFile[file] ?? 0) + ms;
    for (const entry of summary.byFunction) {
      const key = `${entry.function}@${entry.file}:${entry.line}`;
      const total = functions.get(key) ?? { ...entry, ms: 0 };
      total.ms += entry.ms;
      functions.set(key, total);
    }
  }
  return { byFile, byFunction: [...functions.values()].sort((a, b) => b.ms - a.ms) };
}
