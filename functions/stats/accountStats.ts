// An account's stats for its export (README "Leaving ProLynk"): every counter the stats table
// holds for the account, summed over its shards, by day. Found by key from the user id like the
// erasure (eraseStats.ts), never by Scan. Used by the account export: give its role dynamodb:Query
// on the stats table (ProfileStats.grantExport in cdk/constructs/profileStats.ts).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { allCounterPartitionKeys, parseCounterSortKey } from './statsKeys.ts';
import { queryAll } from './statsStore.ts';

/** One day's count of one kind: the profile's views, or the clicks on one link. */
export interface AccountStatsEntry {
  day: string;
  kind: 'views' | 'click';
  /** The clicked link (clicks only). */
  linkId?: string;
  count: number;
}

/** Every counter of account `userId`, summed over shards, ordered by day, then kind and link. */
export async function readAccountStats(
  client: DynamoDBClient,
  userId: string,
  options: { table: string },
): Promise<AccountStatsEntry[]> {
  if (userId === '' || userId.includes('#')) throw new Error(`Not a user id: "${userId}".`);
  const sums = new Map<string, number>();
  await Promise.all(
    allCounterPartitionKeys(userId).map((pk) =>
      queryAll(
        client,
        {
          TableName: options.table,
          KeyConditionExpression: 'pk = :pk',
          ProjectionExpression: 'sk, #count',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':pk': { S: pk } },
        },
        (item) => {
          const sk = item.sk?.S ?? '';
          sums.set(sk, (sums.get(sk) ?? 0) + Number(item.count?.N ?? 0));
        },
      ),
    ),
  );
  return [...sums.keys()].sort().flatMap((sk): AccountStatsEntry[] => {
    const parsed = parseCounterSortKey(sk);
    if (parsed === null) return [];
    const count = sums.get(sk) ?? 0;
    return parsed.kind === 'views'
      ? [{ day: parsed.day, kind: 'views', count }]
      : [{ day: parsed.day, kind: 'click', linkId: parsed.linkId, count }];
  });
}
