// What every phase's page handler gets, and what it gives back.
import type { TableNames } from '../../target.ts';
import type { Db } from '../dynamo.ts';
import type { Finding } from '../findings.ts';

/** Shared by the page handlers of one run. */
export interface PhaseContext {
  db: Db;
  tables: TableNames;
  /** Plan and report, write nothing. */
  dryRun: boolean;
  /** Today (UTC), YYYY-MM-DD: dates of birth may not lie after it. */
  today: string;
  /** Writes in flight per page. */
  writeConcurrency: number;
}

/** What one page came to. */
export interface PageResult {
  findings: Finding[];
  /** Rows written (or, in a dry run, that would be). */
  changed: number;
  /** Conditional writes that lost to a concurrent change and were planned again. */
  retried: number;
}

/** An empty result to add to. */
export function emptyResult(): PageResult {
  return { findings: [], changed: 0, retried: 0 };
}

/** How often a row that keeps changing under us is re-read and planned again before it is reported. */
export const MAX_REPLANS = 3;

/** The finding for a row that changed under every attempt to fix it. */
export function changedUnderUs(table: Finding['table'], key: Record<string, string>): Finding {
  return {
    kind: 'unfixable',
    table,
    key,
    code: 'changed-during-migration',
    message: `changed by someone else on each of ${MAX_REPLANS} attempts; run migrate again to fix it`,
  };
}
