// `npm run migrate`: brings seed-era rows up to today's rules (ops/migrate/runMigration.ts) on
// the local stack (default), any DynamoDB endpoint, or a deployed stage. Ctrl-C stops at the next
// page boundary and saves the checkpoint; running the same command again resumes.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TARGET_OPTIONS, TARGET_USAGE, positiveInteger, targetOptions } from '../cliOptions.ts';
import { resolveTarget } from '../target.ts';
import { streamProgress } from './progress.ts';
import { runMigration } from './runMigration.ts';
import { formatSummary } from './summary.ts';

const USAGE = [
  'Usage: npm run migrate -- [--dry-run] [--rate N] [--segments N] [--page-size N] [--state-dir DIR] [--restart] [target]',
  '  --dry-run         plan and report every change, write nothing',
  '  --rate N          items per second, reads and the writes they cause (default 1000)',
  '  --segments N      parallel Scan segments (default 4)',
  '  --page-size N     items per Scan page, at most 100 (default 100)',
  '  --state-dir DIR   checkpoint and report (default .prolynk/migrate/<target>)',
  '  --restart         start over instead of resuming an unfinished checkpoint',
  TARGET_USAGE,
].join('\n');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      ...TARGET_OPTIONS,
      'dry-run': { type: 'boolean' },
      rate: { type: 'string' },
      segments: { type: 'string' },
      'page-size': { type: 'string' },
      'state-dir': { type: 'string' },
      restart: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const target = resolveTarget(targetOptions(values));
  const stateDir = resolve(values['state-dir'] ?? join('.prolynk', 'migrate', target.id));
  const abort = new AbortController();
  process.on('SIGINT', () => {
    // A second Ctrl-C leaves at once: the checkpoint of the last finished page is already written.
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write('\nStopping after the pages in flight (Ctrl-C again to quit now)…\n');
    abort.abort();
  });
  const dryRun = values['dry-run'] === true;
  process.stderr.write(
    `${dryRun ? 'Dry run against' : 'Migrating'} ${target.label}: tables ${Object.values(target.tables).join(', ')}\n`,
  );
  const outcome = await runMigration({
    target,
    stateDir,
    dryRun,
    restart: values.restart === true,
    rate: positiveInteger('rate', values.rate, 1000),
    segments: positiveInteger('segments', values.segments, 4),
    pageSize: Math.min(100, positiveInteger('page-size', values['page-size'], 100)),
    signal: abort.signal,
    progress: streamProgress(process.stderr),
  });
  if (outcome.resumed)
    process.stderr.write(`(resumed from ${outcome.files.checkpoint}, run ${outcome.checkpoint.runs})\n`);
  if (outcome.status === 'interrupted') {
    const scanned = Object.values(outcome.checkpoint.tables).reduce((n, t) => n + t.scanned, 0);
    process.stderr.write(
      `Interrupted after ${scanned} items; the checkpoint is saved in ${outcome.files.checkpoint}. Run the same command again to resume.\n`,
    );
    return 130;
  }
  console.log(
    formatSummary(
      outcome.summary as NonNullable<typeof outcome.summary>,
      outcome.files.checkpoint,
      outcome.files.summary,
    ),
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
