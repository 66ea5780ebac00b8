// What a public read costs as the profiles table grows: the GraphQL read (profile + links) on two
// stacks of their own (fresh data folders, so the other rows' data and the migration's stay out),
// one with 1,000 profiles in its table and one with 100,000, the reads taking turns between them so
// that the machine's other load weighs on both alike. Reads are key lookups (GetItem by username,
// Query by user_id), so their cost should not follow the table's size; the same two requests sent
// directly to each DynamoDB Local show what the emulator's own store adds as it grows. The filler profiles are
// minimal rows written straight to the table, 100 to a TransactWriteItems: DynamoDB Local commits
// (and syncs its file) once per request, so a transaction of 100 is far faster than a batch of 25.
// Each stack is started again on its data after the fill, so the fill's stream records are not
// being processed while the reads are measured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClient } from '../local/index.ts';
import { measureInRounds } from './measure.ts';
import type { LoadOptions, LoadResult } from './measure.ts';
import { directDynamoDbRead, graphqlProfileRead } from './publicRead.ts';
import { seedProfile } from './seed.ts';
import { startStackChild } from './stackChild.ts';
import type { StackChild } from './stackChild.ts';

/** The read measured at one table size: through GraphQL, and its two DynamoDB requests sent directly. */
export interface ScaleRow {
  profiles: number;
  fillSeconds: number;
  result: LoadResult;
  direct: LoadResult;
}

const fillerProfile = (n: number): Record<string, AttributeValue> => {
  const id = String(n).padStart(6, '0');
  return {
    username: { S: `filler-${id}` },
    user_id: { S: `filler-user-${id}` },
    full_name: { S: `Filler ${id}` },
    bio: { S: 'A profile that only takes up room.' },
    created_at: { S: '2025-01-01T00:00:00.000Z' },
  };
};

/** Writes filler profiles numbered [from, to), four transactions in flight; returns the seconds it took. */
async function fill(endpoint: string, from: number, to: number): Promise<number> {
  const client = localDynamoDbClient(endpoint);
  const started = performance.now();
  let next = from;
  const worker = async () => {
    while (next < to) {
      const first = next;
      next = Math.min(to, next + 100);
      const puts = Array.from({ length: next - first }, (_, i) => ({
        Put: { TableName: 'prolynk-profiles', Item: fillerProfile(first + i) },
      }));
      await client.send(new TransactWriteItemsCommand({ TransactItems: puts }));
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  client.destroy();
  return (performance.now() - started) / 1000;
}

/** Starts one stack per size (ascending), fills each to its size, measures the reads in turns, stops them. */
export async function measureReadAtScale(
  rootDir: string,
  cdkOutDir: string,
  sizes: number[],
  load: LoadOptions,
): Promise<ScaleRow[]> {
  const stacks: { stack: StackChild; dataDir: string }[] = [];
  const clients: DynamoDBClient[] = [];
  try {
    const reads: (() => Promise<void>)[] = [];
    const fillSeconds: number[] = [];
    for (const size of sizes) {
      const dataDir = mkdtempSync(join(tmpdir(), 'prolynk-bench-scale-'));
      const entry = { stack: await startStackChild(rootDir, cdkOutDir, dataDir), dataDir };
      stacks.push(entry);
      const seeded = await seedProfile(entry.stack.outputs);
      // The seeded profile counts as one.
      fillSeconds.push(await fill(entry.stack.outputs.dynamoDbEndpoint, 1, size));
      // The filler's stream records would keep the publish function busy while the reads are
      // measured; a stack started again on the same data reads the profiles stream from LATEST
      // (as the template's mapping says), so the reads meet a quiet stack of that size.
      await entry.stack.stop();
      entry.stack = await startStackChild(rootDir, cdkOutDir, dataDir);
      const { stack } = entry;
      const client = localDynamoDbClient(stack.outputs.dynamoDbEndpoint);
      clients.push(client);
      reads.push(graphqlProfileRead(stack.outputs, seeded), directDynamoDbRead(client, seeded));
    }
    const results = await measureInRounds(reads, load);
    return sizes.map((profiles, i) => ({
      profiles,
      fillSeconds: fillSeconds[i],
      result: results[2 * i],
      direct: results[2 * i + 1],
    }));
  } finally {
    for (const client of clients) client.destroy();
    for (const { stack, dataDir } of stacks) {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}
