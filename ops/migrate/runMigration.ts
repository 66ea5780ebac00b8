// `npm run migrate`, as a function: the one full-table Scan in ProLynk (docs/architecture.md §3).
// The tables are visited in order (profiles, users, links), each with a parallel, paginated,
// rate-limited Scan; every page is processed, its findings appended to the report and its
// LastEvaluatedKey written to the checkpoint before the next page of that segment is read. An
// abort (Ctrl-C) stops at page boundaries; the next run resumes from the checkpoint. Nothing is
// ever deleted; every write is conditional, so a re-run changes nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Target } from '../target.ts';
import { dynamoDbClient } from '../target.ts';
import type { Checkpoint, Phase } from './checkpoint.ts';
import { PHASES, newCheckpoint, readCheckpoint, writeCheckpoint } from './checkpoint.ts';
import type { Db, Item } from './dynamo.ts';
import { scanPage } from './dynamo.ts';
import { linksPage } from './phases/linksPage.ts';
import type { PageResult, PhaseContext } from './phases/phaseContext.ts';
import { profilesPage } from './phases/profilesPage.ts';
import { usersPage } from './phases/usersPage.ts';
import type { ProgressSink } from './progress.ts';
import { silentProgress } from './progress.ts';
import { ReportFile } from './reportFile.ts';
import type { MigrationSummary } from './summary.ts';
import { summarize } from './summary.ts';
import { TokenBucket, systemClock } from './tokenBucket.ts';
import type { Clock } from './tokenBucket.ts';

/** How to run a migration. */
export interface MigrationOptions {
  target: Target;
  /** Where the checkpoint and the report live (default .prolynk/migrate/<target id>). */
  stateDir: string;
  dryRun?: boolean;
  /** Discard an unfinished checkpoint instead of resuming it. */
  restart?: boolean;
  /** Items per second, reads and the writes they cause. */
  rate: number;
  /** Scan Limit: items per page (at most 100, the BatchGetItem bound). */
  pageSize?: number;
  /** Parallel Scan segments. */
  segments?: number;
  /** Writes in flight per page. */
  writeConcurrency?: number;
  signal?: AbortSignal;
  progress?: ProgressSink;
  clock?: Clock;
  now?: () => Date;
  client?: DynamoDBClient;
  /** Called after each page is checkpointed (tests use it to interrupt at a chosen point). */
  onPage?: (page: { phase: Phase; segment: number; items: number; pages: number }) => void;
}

/** How a run ended. */
export interface MigrationOutcome {
  status: 'done' | 'interrupted';
  /** True when this run continued an unfinished checkpoint. */
  resumed: boolean;
  checkpoint: Checkpoint;
  summary: MigrationSummary | null;
  files: { checkpoint: string; report: string; summary: string };
}

const HANDLERS: Record<Phase, (ctx: PhaseContext, items: Item[]) => Promise<PageResult>> = {
  profiles: profilesPage,
  users: usersPage,
  links: linksPage,
};

/** Runs (or resumes) the migration of `options.target`. */
export async function runMigration(options: MigrationOptions): Promise<MigrationOutcome> {
  const now = options.now ?? (() => new Date());
  const pageSize = Math.min(100, options.pageSize ?? 100);
  const segments = options.segments ?? 4;
  const prefix = options.dryRun ? 'dry-run.' : '';
  mkdirSync(options.stateDir, { recursive: true });
  const files = {
    checkpoint: join(options.stateDir, `${prefix}checkpoint.json`),
    report: join(options.stateDir, `${prefix}report.jsonl`),
    summary: join(options.stateDir, `${prefix}report.json`),
  };
  const report = new ReportFile(files.report);
  const { checkpoint, resumed } = startOrResume(options, files.checkpoint, report, segments, pageSize, now());
  const client = options.client ?? dynamoDbClient(options.target);
  const db: Db = { client, consumed: { read: 0, write: 0 } };
  try {
    const ctx: PhaseContext = {
      db,
      tables: options.target.tables,
      dryRun: options.dryRun === true,
      today: now().toISOString().slice(0, 10),
      writeConcurrency: options.writeConcurrency ?? 16,
    };
    const run = new PhaseRunner(
      options,
      ctx,
      checkpoint,
      report,
      files.checkpoint,
      await estimates(db, options.target),
      pageSize,
    );
    for (const phase of PHASES) {
      if (options.signal?.aborted) break;
      await run.phase(phase);
    }
    if (options.signal?.aborted || !PHASES.every((p) => checkpoint.phases[p].every((s) => s.done))) {
      return { status: 'interrupted', resumed, checkpoint, summary: null, files };
    }
    checkpoint.status = 'done';
    writeCheckpoint(files.checkpoint, checkpoint);
    const summary = await summarize(checkpoint, report, now());
    writeFileSync(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
    return { status: 'done', resumed, checkpoint, summary, files };
  } finally {
    (options.progress ?? silentProgress).finish();
    if (!options.client) client.destroy();
  }
}

function startOrResume(
  options: MigrationOptions,
  file: string,
  report: ReportFile,
  segments: number,
  pageSize: number,
  at: Date,
) {
  const previous = options.restart ? null : readCheckpoint(file);
  if (previous && previous.status === 'running') {
    if (previous.target !== options.target.id || previous.segments !== segments || previous.pageSize !== pageSize)
      throw new Error(
        `${file} belongs to an unfinished migration with other settings (${previous.target}, ${previous.segments} segments, pages of ${previous.pageSize}); resume it with those settings or pass --restart.`,
      );
    report.truncateTo(previous.reportBytes);
    return { checkpoint: { ...previous, runs: previous.runs + 1 }, resumed: true };
  }
  report.reset();
  return {
    checkpoint: newCheckpoint(options.target.id, options.dryRun === true, segments, pageSize, at),
    resumed: false,
  };
}

// DescribeTable's ItemCount per table: the progress bar's estimate.
async function estimates(db: Db, target: Target): Promise<Record<Phase, number>> {
  const counts = await Promise.all(
    PHASES.map(
      async (phase) =>
        (await db.client.send(new DescribeTableCommand({ TableName: target.tables[phase] }))).Table?.ItemCount ?? 0,
    ),
  );
  return { profiles: counts[0], users: counts[1], links: counts[2] };
}

/** Scans one table's segments side by side, page after page, checkpointing each page. */
class PhaseRunner {
  private readonly bucket: TokenBucket;
  private readonly runStarted: number;
  private readonly baseElapsed: number;
  private readonly baseConsumed: { read: number; write: number };
  private scannedThisRun = 0;
  private pages = 0;
  private failed = false;

  constructor(
    private readonly options: MigrationOptions,
    private readonly ctx: PhaseContext,
    private readonly checkpoint: Checkpoint,
    private readonly report: ReportFile,
    private readonly checkpointFile: string,
    private readonly estimate: Record<Phase, number>,
    private readonly pageSize: number,
  ) {
    const clock = options.clock ?? systemClock;
    this.bucket = new TokenBucket(options.rate, Math.max(options.rate, pageSize), clock);
    this.runStarted = clock.now();
    this.baseElapsed = checkpoint.elapsedMs;
    this.baseConsumed = { ...checkpoint.consumed };
  }

  /** Runs every unfinished segment of `phase` to its end (or to an abort). */
  async phase(phase: Phase): Promise<void> {
    const segments = this.checkpoint.phases[phase]
      .map((state, segment) => ({ state, segment }))
      .filter(({ state }) => !state.done);
    const outcomes = await Promise.allSettled(segments.map(({ segment }) => this.segment(phase, segment)));
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) throw failure.reason;
  }

  private stopped(): boolean {
    return this.failed || this.options.signal?.aborted === true;
  }

  private async segment(phase: Phase, segment: number): Promise<void> {
    const state = this.checkpoint.phases[phase][segment];
    try {
      while (!state.done && !this.stopped()) {
        await this.bucket.take(this.pageSize);
        if (this.stopped()) return;
        const page = await scanPage(
          this.ctx.db,
          this.ctx.tables[phase],
          segment,
          this.checkpoint.segments,
          this.pageSize,
          state.lastKey,
        );
        const result = await HANDLERS[phase](this.ctx, page.items);
        this.record(phase, segment, page.items.length, page.lastKey, result);
      }
    } catch (error) {
      this.failed = true;
      throw error;
    }
  }

  // Synchronous from the report append to the checkpoint write: the two always agree.
  private record(
    phase: Phase,
    segment: number,
    items: number,
    lastKey: Checkpoint['phases'][Phase][number]['lastKey'],
    result: PageResult,
  ): void {
    const cp = this.checkpoint;
    const state = cp.phases[phase][segment];
    state.lastKey = lastKey;
    state.done = lastKey === null;
    state.scanned += items;
    cp.tables[phase].scanned += items;
    cp.tables[phase].changed += result.changed;
    cp.tables[phase].retried += result.retried;
    for (const f of result.findings) cp.codes[`${f.kind}:${f.code}`] = (cp.codes[`${f.kind}:${f.code}`] ?? 0) + 1;
    cp.reportBytes = this.report.append(result.findings);
    const elapsed = (this.options.clock ?? systemClock).now() - this.runStarted;
    cp.elapsedMs = this.baseElapsed + elapsed;
    cp.consumed = {
      read: this.baseConsumed.read + this.ctx.db.consumed.read,
      write: this.baseConsumed.write + this.ctx.db.consumed.write,
    };
    writeCheckpoint(this.checkpointFile, cp);
    this.scannedThisRun += items;
    this.pages += 1;
    this.progress(phase, elapsed);
    this.options.onPage?.({ phase, segment, items, pages: this.pages });
  }

  private progress(phase: Phase, elapsedMs: number): void {
    const cp = this.checkpoint;
    const sum = (prefix: string) =>
      Object.entries(cp.codes).reduce((n, [code, count]) => (code.startsWith(prefix) ? n + count : n), 0);
    const scanned = (p: Phase) => cp.tables[p].scanned;
    (this.options.progress ?? silentProgress).update({
      phase,
      step: PHASES.indexOf(phase) + 1,
      steps: PHASES.length,
      scanned: scanned(phase),
      estimate: Math.max(this.estimate[phase], scanned(phase)),
      overallScanned: PHASES.reduce((n, p) => n + scanned(p), 0),
      overallEstimate: PHASES.reduce((n, p) => n + Math.max(this.estimate[p], scanned(p)), 0),
      itemsPerSecond: elapsedMs > 0 ? this.scannedThisRun / (elapsedMs / 1000) : 0,
      fixed: sum('fixed:'),
      unfixable: sum('unfixable:'),
    });
  }
}
