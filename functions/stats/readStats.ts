// myStats: the caller's counters over a range of UTC days, summed across every shard partition.
import type { ProfileStats } from '../../generated/graphql.ts';
import { allCounterPartitionKeys } from './statsKeys.ts';
import { parseDayRange } from './statsRange.ts';
import type { StatsStore } from './statsStore.ts';
import { sumStats } from './sumStats.ts';

/** The stats of account `userId` from `from` to `to` (AWSDate); BadRequest for a bad range. */
export async function readStats(store: StatsStore, userId: string, from: unknown, to: unknown): Promise<ProfileStats> {
  const range = parseDayRange(from, to);
  // Every shard up to MAX_SHARDS, in parallel: a shard count lowered since still has its counts read.
  const [shards, titles] = await Promise.all([
    Promise.all(allCounterPartitionKeys(userId).map((pk) => store.counters(pk, range.from, range.to))),
    store.linkTitles(userId),
  ]);
  return sumStats(range, shards.flat(), titles);
}
