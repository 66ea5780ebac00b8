// The rows beside the read: the REST shim's read against GraphQL's, a write (saveLink), real-time
// fan-out, and the read at 1k and 100k profiles; each printed as it finishes, then the targets.
import { localDynamoDbClient } from '../local/index.ts';
import type { LocalOutputs } from '../local/index.ts';
import { measureFanOut } from './fanOut.ts';
import { createLinkWriter, directLinkUpdate, graphqlLinkUpdate } from './linkWrites.ts';
import { measureInRounds } from './measure.ts';
import type { LoadOptions, LoadResult } from './measure.ts';
import { measureReadAtScale } from './readAtScale.ts';
import { measureRestAgainstGraphql } from './restRead.ts';
import type { SeededProfile } from './seed.ts';
import { formatBenchTable } from './table.ts';
import { formatTargetsTable } from './targetsTable.ts';

/** Where the rows run: the bench's stack, its seeded profile, the load, and the scale sizes. */
export interface ApiRowsSetup {
  rootDir: string;
  cdkOutDir: string;
  outputs: LocalOutputs;
  seeded: SeededProfile;
  load: LoadOptions;
  scaleSizes: number[];
  subscribers: number;
}

async function restRows(setup: ApiRowsSetup, say: (line: string) => void) {
  const { outputs, seeded } = setup;
  if (!outputs.restUrl) {
    say('\nREST read: the stack serves no REST API, row skipped');
    return {};
  }
  const pairs = Math.min(300, setup.load.count);
  const [restRead, graphqlReadAlternating] = await measureRestAgainstGraphql(
    { ...outputs, restUrl: outputs.restUrl },
    seeded,
    pairs,
    20,
  );
  say(`\nThe REST shim's public read against the GraphQL read, alternating, one at a time, ${pairs} each:`);
  say(
    formatBenchTable(
      { label: '(h) GET /profiles/{username} (HTTP API → REST function → AppSync)', result: restRead },
      { label: '(i) profile + links over GraphQL (API key)', result: graphqlReadAlternating },
    ),
  );
  return { restRead, graphqlReadAlternating };
}

async function writeRows(setup: ApiRowsSetup, say: (line: string) => void): Promise<LoadResult> {
  const { outputs, load } = setup;
  const writer = await createLinkWriter(outputs, load.concurrency * 2);
  const writes = { ...load, count: Math.min(load.count, 1000), warmup: Math.min(load.warmup, 100) };
  const dynamo = localDynamoDbClient(outputs.dynamoDbEndpoint);
  const [viaGraphql, direct] = await measureInRounds(
    [graphqlLinkUpdate(outputs, writer), directLinkUpdate(dynamo, writer)],
    writes,
  );
  dynamo.destroy();
  say(`\nA write: saveLink updating one of ${writer.linkIds.length} live links (${writes.concurrency} in flight):`);
  say(
    formatBenchTable(
      { label: '(j) saveLink over GraphQL (Cognito token)', result: viaGraphql },
      { label: '(k) its GetItem + conditional UpdateItem via the SDK', result: direct },
    ),
  );
  return viaGraphql;
}

/** Runs the rows in turn, printing each table with `say`; ends with the targets table. */
export async function benchApiRows(
  setup: ApiRowsSetup,
  read: { graphqlRead: LoadResult; sdkRead: LoadResult },
  say: (line: string) => void,
): Promise<void> {
  const rest = await restRows(setup, say);
  const write = await writeRows(setup, say);

  const fanOut = await measureFanOut(setup.outputs, setup.subscribers);
  say(
    `\nReal-time fan-out: ${fanOut.subscribers} subscribers on one username, one saveProfile: ${fanOut.delivered} delivered, from the save sent: p50 ${fanOut.p50.toFixed(0)} ms, p99 ${fanOut.p99.toFixed(0)} ms, last ${fanOut.last.toFixed(0)} ms`,
  );

  const scaleLoad = { ...setup.load, count: Math.min(setup.load.count, 1500) };
  const scale = await measureReadAtScale(setup.rootDir, setup.cdkOutDir, setup.scaleSizes, scaleLoad);
  say(
    `\nThe GraphQL read at two table sizes (a stack for each, reads taking turns; filler rows by TransactWriteItems):`,
  );
  for (const row of scale) say(`  ${row.profiles} profiles (filled in ${row.fillSeconds.toFixed(1)} s)`);
  const [small, large] = [scale[0], scale.at(-1)];
  if (small && large && small !== large)
    say(
      formatBenchTable(
        { label: `(l) read at ${large.profiles} profiles`, result: large.result },
        { label: `(m) read at ${small.profiles} profiles`, result: small.result },
      ),
    );
  if (small && large && small !== large)
    say(
      formatBenchTable(
        { label: `(n) its DynamoDB requests via the SDK at ${large.profiles}`, result: large.direct },
        { label: `(o) its DynamoDB requests via the SDK at ${small.profiles}`, result: small.direct },
      ),
    );

  say('\nTargets, all from this run:');
  say(formatTargetsTable({ ...read, ...rest, write, fanOut, scale }));
}
