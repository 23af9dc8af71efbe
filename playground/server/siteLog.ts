import type { ValidationDiagnostic } from '@captchala-kit/server';

/** One line of what the site logged about a request. */
export interface SiteLogFact {
  /** Stable name, for pages and specs (`verdict`, `client-ip`, `submissions`…). */
  key: string;
  label: string;
  value: string;
}

/**
 * What the playground's site logged about one request, or one run of a scenario, by request id: what a user
 * quotes to support and an operator looks up. Never the secret, never a whole token.
 */
export interface SiteLogEntry {
  id: string;
  /** The reason the site names the outcome by (`token_expired`, `misconfigured`, `csrf_failed`…); null when nothing failed. */
  named: string | null;
  facts: SiteLogFact[];
  /** The validation's diagnostic record from `onDiagnostic`, when a validation ran. */
  diagnostic: ValidationDiagnostic | null;
}

export interface SiteLog {
  /** The entry for `id`, started empty on first use. */
  entry(id: string): SiteLogEntry;
  get(id: string): SiteLogEntry | undefined;
}

/** Adds a fact to an entry, or replaces the one with the same key. */
export function logFact(entry: SiteLogEntry, key: string, label: string, value: string): void {
  const fact = { key, label, value };
  const index = entry.facts.findIndex((existing) => existing.key === key);
  if (index === -1) entry.facts.push(fact);
  else entry.facts[index] = fact;
}

/** An in-memory log keeping the `limit` most recent entries. */
export function createSiteLog(options: { limit: number }): SiteLog {
  const entries = new Map<string, SiteLogEntry>();
  return {
    entry(id) {
      let entry = entries.get(id);
      if (!entry) {
        entry = { id, named: null, facts: [], diagnostic: null };
        entries.set(id, entry);
        // Maps keep insertion order: the first key is the oldest entry.
        if (entries.size > options.limit) entries.delete(entries.keys().next().value as string);
      }
      return entry;
    },
    get: (id) => entries.get(id),
  };
}
