// Account deletion erases the account's stats (README "Profile stats"): every counter lives under
// one of MAX_SHARDS partition keys derived from the user id, so erasure is MAX_SHARDS Queries and
// batched deletes — no Scan. Visitor markers hold no user id; they expire within 30 minutes.
// Used by the account-deletion job: give its role dynamodb:Query and dynamodb:BatchWriteItem on
// the stats table (ProfileStats.grantErase in cdk/constructs/profileStats.ts).
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { allCounterPartitionKeys } from './statsKeys.ts';
import { queryAll } from './statsStore.ts';

// BatchWriteItem takes at most 25 requests.
const BATCH = 25;
const MAX_ATTEMPTS = 8;

export interface EraseStatsOptions {
  /** The `{project}-stats` table (STATS_TABLE). */
  table: string;
  /** Waits between retries of unprocessed deletes (injected by tests). */
  sleep?: (ms: number) => Promise<void>;
}

/** Deletes every counter of account `userId` from the stats table; returns how many items went. */
export async function eraseAccountStats(
  client: DynamoDBClient,
  userId: string,
  options: EraseStatsOptions,
): Promise<number> {
  if (userId === '' || userId.includes('#')) throw new Error(`Not a user id: "${userId}".`);
  const keys: Record<string, AttributeValue>[] = [];
  await Promise.all(
    allCounterPartitionKeys(userId).map((pk) =>
      queryAll(
        client,
        {
          TableName: options.table,
          KeyConditionExpression: 'pk = :pk',
          ProjectionExpression: 'pk, sk',
          ExpressionAttributeValues: { ':pk': { S: pk } },
        },
        (item) => keys.push({ pk: item.pk, sk: item.sk }),
      ),
    ),
  );
  for (let at = 0; at < keys.length; at += BATCH) {
    const requests = keys.slice(at, at + BATCH).map((Key) => ({ DeleteRequest: { Key } }));
    await deleteBatch(client, options.table, requests, options.sleep ?? defaultSleep);
  }
  return keys.length;
}

async function deleteBatch(
  client: DynamoDBClient,
  table: string,
  requests: WriteRequest[],
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  let pending = requests;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    if (attempt > MAX_ATTEMPTS)
      throw new Error(`${pending.length} stats items were still unprocessed after ${MAX_ATTEMPTS} attempts.`);
    if (attempt > 1) await sleep(Math.min(2000, 50 * 2 ** attempt));
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
    pending = out.UnprocessedItems?.[table] ?? [];
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
