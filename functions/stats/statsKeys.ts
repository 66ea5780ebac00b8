// The key layout of the two stats tables (README "Profile stats" documents it for the account
// deletion job). Everything an account owns is found by key from its user id, never by Scan:
//
//   {project}-stats            pk                      sk                              attributes
//     views of one day         user#<userId>#<shard>   day#<YYYY-MM-DD>#views          count, expires_at
//     clicks on one link       user#<userId>#<shard>   day#<YYYY-MM-DD>#click#<linkId> count, expires_at
//
//   {project}-stats-visitors   pk                      attributes
//     "seen" marker            seen#<keyed hash>       expires_at (30 minutes)
//     the day's hash key       key#<YYYY-MM-DD>        secret, expires_at (the next day)
//
// A counter is spread over `shard` 0…N-1 partitions so a viral profile's writes never meet on one
// partition key; readers and the eraser visit every shard up to MAX_SHARDS, so N may change at
// any time without hiding or leaving behind counts. Markers carry no user id or username: only
// the keyed hash, which includes the profile, so one visitor's markers on two profiles cannot be
// linked to each other.

/** The highest shard count a stage may configure; reads and erasure cover shards 0…MAX_SHARDS-1. */
export const MAX_SHARDS = 32;
/** The shard count when none is configured: 2,000 views/s → 200 writes/s per partition key. */
export const DEFAULT_SHARDS = 10;
/** Counters expire (DynamoDB TTL) this many days after their day. */
export const COUNTER_RETENTION_DAYS = 400;
/** One visitor counts once per profile (and once per link) within this window. */
export const REPEAT_WINDOW_SECONDS = 30 * 60;

/** What a counter counts: the profile's views, or the clicks on one link. */
export type CounterKind = { kind: 'views' } | { kind: 'click'; linkId: string };

/** The partition key of one shard of an account's counters. */
export function counterPartitionKey(userId: string, shard: number): string {
  return `user#${userId}#${shard}`;
}

/** Every partition key that may hold counters of `userId`, whatever the shard count was. */
export function allCounterPartitionKeys(userId: string): string[] {
  return Array.from({ length: MAX_SHARDS }, (_, shard) => counterPartitionKey(userId, shard));
}

/** The sort key of one day's counter. */
export function counterSortKey(day: string, counter: CounterKind): string {
  return counter.kind === 'views' ? `day#${day}#views` : `day#${day}#click#${counter.linkId}`;
}

/** Sort keys from the first counter of `from` to the last of `to` (inclusive), for a Query's BETWEEN. */
export function counterSortKeyRange(from: string, to: string): { start: string; end: string } {
  // '~' sorts after every character of "views", "click#" and link ids.
  return { start: `day#${from}#`, end: `day#${to}#~` };
}

/** The day and kind a counter's sort key names; null for a key of another shape. */
export function parseCounterSortKey(sk: string): ({ day: string } & CounterKind) | null {
  const match = /^day#(\d{4}-\d{2}-\d{2})#(views|click#(.+))$/.exec(sk);
  if (!match) return null;
  return match[2] === 'views' ? { day: match[1], kind: 'views' } : { day: match[1], kind: 'click', linkId: match[3] };
}

/** The key of a "seen" marker. */
export function seenKey(visitorHash: string): string {
  return `seen#${visitorHash}`;
}

/** The key of the item holding one day's hash key. */
export function dailyKeyKey(day: string): string {
  return `key#${day}`;
}
