// `npm run bench`: a public profile read (profile(username) with its links, API key) against the
// local endpoint at a fixed concurrency, next to the same two DynamoDB requests sent directly with
// the SDK in the same run, so the table shows what the AppSync emulation costs on top of DynamoDB
// Local; then the REST read, a write, real-time fan-out, the read at scale (bench/apiRows.ts, ending
// with the targets table), the stats rows, a burst of 250 function calls (bench/burst.ts), resolver
// evaluation and the migration. Bounded in requests and time; stops the stacks it started. Not part
// of `npm test`.
import '../local/cli/requireNode24.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { localDynamoDbClient, ensureCloudAssembly } from '../local/index.ts';
import { benchApiRows } from './apiRows.ts';
import { measureInRounds } from './measure.ts';
import { formatBurst, measureBurst } from './burst.ts';
import { formatMigrationTable, measureMigration } from './migration.ts';
import { formatEvaluationTable, measureResolverEvaluation } from './resolverEvaluation.ts';
import type { LoadOptions } from './measure.ts';
import { directDynamoDbRead, graphqlProfileRead } from './publicRead.ts';
import { benchProfileStats } from './profileStats.ts';
import { seedProfile } from './seed.ts';
import { startStackChild } from './stackChild.ts';
import type { StackChild } from './stackChild.ts';
import { formatBenchTable } from './table.ts';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '16' },
    count: { type: 'string', default: '3000' },
    warmup: { type: 'string', default: '200' },
    'max-seconds': { type: 'string', default: '60' },
    // Table sizes (profiles) the migration runs at, each after growing the tables to it.
    'migrate-profiles': { type: 'string', default: '1000,10000' },
    // Table sizes (profiles) the read-at-scale rows measure at, on a stack of their own.
    'scale-profiles': { type: 'string', default: '1000,100000' },
    subscribers: { type: 'string', default: '200' },
  },
});
const load: LoadOptions = {
  concurrency: Number(values.concurrency),
  count: Number(values.count),
  warmup: Number(values.warmup),
  maxMs: Number(values['max-seconds']) * 1000,
};
// Whatever happens, the run ends: each phase is bounded by maxMs, and this guards the rest.
const migrationSizes = String(values['migrate-profiles']).split(',').map(Number);
// The migration rows generate and migrate their data: about 60 ms per profile at worst here.
const scaleSizes = String(values['scale-profiles']).split(',').map(Number);
// The scale rows fill their table at 400 profiles/s or more; the fan-out waits at most 30 s.
const WATCHDOG_MS = 10 * load.maxMs + 180_000 + 60 * Math.max(...migrationSizes) + 5 * Math.max(...scaleSizes);

const rootDir = resolve(import.meta.dirname, '..');
const cdkOutDir = join(rootDir, 'cdk.out');
const dataDir = mkdtempSync(join(tmpdir(), 'prolynk-bench-'));
const say = (line: string) => process.stdout.write(`${line}\n`);

let stack: StackChild | undefined;
const watchdog = setTimeout(() => {
  say(`bench: still running after ${WATCHDOG_MS / 1000} s, giving up`);
  void stack?.stop().finally(() => process.exit(2));
}, WATCHDOG_MS);
watchdog.unref();

try {
  const synth = ensureCloudAssembly(rootDir, cdkOutDir);
  if (synth.synthesized) say(`synthesized the template in ${(synth.ms / 1000).toFixed(1)} s`);

  // Cold: an empty data folder (tables, pool and certificate created). Warm: the same folder again.
  const cold = await startStackChild(rootDir, cdkOutDir, dataDir);
  await cold.stop();
  stack = await startStackChild(rootDir, cdkOutDir, dataDir);
  say(
    `local stack ready: cold ${(cold.readyMs / 1000).toFixed(2)} s, warm ${(stack.readyMs / 1000).toFixed(2)} s (createLocalStack, separate process)`,
  );

  const seeded = await seedProfile(stack.outputs);
  say(`seeded profile "${seeded.username}" with ${seeded.linkCount} links`);
  say(
    `load: ${load.concurrency} in flight, ${load.warmup} warm-up + ${load.count} measured requests per case, (a) and (b) taking turns in 4 rounds (at most ${load.maxMs / 1000} s each)\n`,
  );

  const dynamo = localDynamoDbClient(stack.outputs.dynamoDbEndpoint);
  const [a, b] = await measureInRounds(
    [graphqlProfileRead(stack.outputs, seeded), directDynamoDbRead(dynamo, seeded)],
    load,
  );
  dynamo.destroy();

  say(
    formatBenchTable(
      { label: '(a) GraphQL profile + links over HTTP (API key)', result: a },
      { label: '(b) DynamoDB GetItem + Query via the SDK', result: b },
    ),
  );
  if (a.completed < load.count || b.completed < load.count)
    say('\nnote: a case hit the time limit; its numbers cover the requests completed.');

  const setup = {
    rootDir,
    cdkOutDir,
    outputs: stack.outputs,
    seeded,
    load,
    scaleSizes,
    subscribers: Number(values.subscribers),
  };
  await benchApiRows(setup, { graphqlRead: a, sdkRead: b }, say);

  // The stats rows go through Lambda functions at full concurrency; a failure there is reported and
  // the run goes on to the rows after it.
  try {
    say(`\n${await benchProfileStats(stack.outputs, seeded, load)}`);
  } catch (error) {
    say(`\nprofile stats rows failed: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
  }

  // The route's token bucket (burst 50, 25/s) refills in 2 s: the burst starts from a full one.
  await sleep(2_500);
  say(
    "\nA burst (issue 9): 250 REST calls at once to a function route, with one concurrent { __typename }; AWS would answer each with 200 or the route throttle's 429",
  );
  say(formatBurst(await measureBurst(stack.outputs, seeded, stack.pid)));

  say(
    '\nAPPSYNC_JS runtime alone: one request + response evaluation of each deployed resolver, data source answering instantly',
  );
  const evaluation = await measureResolverEvaluation(cdkOutDir);
  say(formatEvaluationTable(evaluation));

  say(
    `\nnpm run migrate on seed-era data (npm run seed:legacy) grown to ${migrationSizes.join(', then ')} profiles; target ≥ 500 items/s`,
  );
  say(formatMigrationTable(await measureMigration(rootDir, stack.outputs, migrationSizes)));
} finally {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  clearTimeout(watchdog);
}
