// The migration's resumable state: per table and scan segment, the LastEvaluatedKey after the
// last page fully processed, plus the counters and the report's length at that moment. Written
// after every page with write-then-rename, so an interruption at any point leaves the previous
// checkpoint intact; re-processing a page is harmless because every write is conditional.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** The tables in the order the migration visits them. */
export const PHASES = ['profiles', 'users', 'links'] as const;
/** One of the tables, by role. */
export type Phase = (typeof PHASES)[number];

/** One scan segment's progress. */
export interface SegmentState {
  /** Where the next Scan starts; null before the first page. */
  lastKey: Record<string, AttributeValue> | null;
  done: boolean;
  scanned: number;
}

/** Counts of one table. */
export interface TableCounters {
  scanned: number;
  /** Rows written (in a dry run: rows that would be). */
  changed: number;
  /** Conditional writes that lost to a concurrent change and were planned again. */
  retried: number;
}

/** Everything a later run needs to continue where this one stopped. */
export interface Checkpoint {
  version: 1;
  status: 'running' | 'done';
  target: string;
  dryRun: boolean;
  segments: number;
  pageSize: number;
  startedAt: string;
  /** How many runs this migration took (1 unless resumed). */
  runs: number;
  /** Scan time summed over all runs, for the throughput in the report. */
  elapsedMs: number;
  phases: Record<Phase, SegmentState[]>;
  tables: Record<Phase, TableCounters>;
  /** Report lines by kind and code, e.g. {"fixed:project-id": 12}. */
  codes: Record<string, number>;
  consumed: { read: number; write: number };
  /** The report file's length when this checkpoint was written. */
  reportBytes: number;
}

/** A fresh checkpoint for a migration of `target` with `segments` parallel scan segments. */
export function newCheckpoint(
  target: string,
  dryRun: boolean,
  segments: number,
  pageSize: number,
  now: Date,
): Checkpoint {
  const segmentStates = () =>
    Array.from({ length: segments }, (): SegmentState => ({ lastKey: null, done: false, scanned: 0 }));
  const counters = (): TableCounters => ({ scanned: 0, changed: 0, retried: 0 });
  return {
    version: 1,
    status: 'running',
    target,
    dryRun,
    segments,
    pageSize,
    startedAt: now.toISOString(),
    runs: 1,
    elapsedMs: 0,
    phases: { profiles: segmentStates(), users: segmentStates(), links: segmentStates() },
    tables: { profiles: counters(), users: counters(), links: counters() },
    codes: {},
    consumed: { read: 0, write: 0 },
    reportBytes: 0,
  };
}

/** The checkpoint in `file`, or null when there is none. */
export function readCheckpoint(file: string): Checkpoint | null {
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
  if (parsed.version !== 1)
    throw new Error(`${file}: unknown checkpoint version ${parsed.version}; remove it or pass --restart.`);
  return parsed;
}

/** Writes `checkpoint` to `file` atomically. */
export function writeCheckpoint(file: string, checkpoint: Checkpoint): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checkpoint)}\n`);
  renameSync(temporary, file);
}
