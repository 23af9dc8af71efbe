import { readFileSync } from 'node:fs';
import type { SizeResult } from './bundleSize';

/** kB as the budgets count them (and the issue states its targets): 1,000 bytes. */
export const KB = 1000;

export interface SizeBudget {
  /** Most min+gzip kB the entry may ship (`pnpm size:check` fails above it). */
  gzip: number;
  /** A goal the entry does not meet yet. */
  target?: number;
  /** What the budget pays for, and when it was set: a number nobody can explain is no guard. */
  why: string;
}

export interface BudgetCheck extends SizeBudget {
  name: string;
  measured: number;
  over: boolean;
}

const BUDGETS = new URL('../budgets.json', import.meta.url);

/** `bench/budgets.json`: bundle-size entry name → budget. */
export function readBudgets(): Record<string, SizeBudget> {
  const budgets: Record<string, SizeBudget> = JSON.parse(readFileSync(BUDGETS, 'utf8')).budgets;
  for (const [name, budget] of Object.entries(budgets)) {
    if (typeof budget.why !== 'string' || budget.why === '') {
      throw new Error(`bench/budgets.json: "${name}" has no "why": say what its size pays for.`);
    }
  }
  return budgets;
}

/** Every budgeted entry against what was measured; an entry with a budget but no measurement is an error. */
export function checkBudgets(results: readonly SizeResult[]): BudgetCheck[] {
  return Object.entries(readBudgets()).map(([name, budget]) => {
    const result = results.find((entry) => entry.name === name);
    if (!result) throw new Error(`bench/budgets.json names "${name}", which bundle-size does not measure.`);
    return { name, ...budget, measured: result.gzip, over: result.gzip > budget.gzip * KB };
  });
}
