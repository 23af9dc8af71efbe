import type { CauseView } from './causeView';

/** What a section's runner gets. */
export interface CauseContext {
  view: CauseView;
  /** On the offline stand-in (its test keys and inspection endpoints are there). */
  offline: boolean;
}

/** Reproduces one cause, filling the section's columns and marks; rejects when a step fails. */
export type CauseRunner = (context: CauseContext) => Promise<void>;
