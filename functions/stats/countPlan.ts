// What one countable view or click writes, decided without I/O (so a simulation can check the
// write rate per partition key under viral load, test/unit/functions/stats/partitionLoad.test.ts):
// a "seen" marker that lives for the repeat window, then one ADD on a shard chosen at random.
import { epochSecondsAfter, utcDay } from './days.ts';
import type { CounterKind } from './statsKeys.ts';
import {
  COUNTER_RETENTION_DAYS,
  MAX_SHARDS,
  REPEAT_WINDOW_SECONDS,
  counterPartitionKey,
  counterSortKey,
  seenKey,
} from './statsKeys.ts';

/** A view or click that passed the bot and owner checks. */
export interface CountEvent {
  userId: string;
  counter: CounterKind;
  /** The keyed hash recognising this visitor for this profile or link today (visitorHash.ts). */
  visitorHash: string;
  nowMs: number;
}

/** The two writes of a count: the marker first (conditional), then the counter. */
export interface CountPlan {
  seen: { pk: string; expiresAt: number };
  counter: { pk: string; sk: string; expiresAt: number };
}

/** Picks a shard in 0…shards-1 from a uniform random number in [0, 1). */
export function chooseShard(shards: number, random: () => number): number {
  return Math.min(shards - 1, Math.floor(random() * shards));
}

/** The writes that count `event`, its counter on a random one of `shards` shards. */
export function planCount(event: CountEvent, shards: number, random: () => number): CountPlan {
  const day = utcDay(event.nowMs);
  return {
    seen: {
      pk: seenKey(event.visitorHash),
      expiresAt: Math.ceil(event.nowMs / 1000) + REPEAT_WINDOW_SECONDS,
    },
    counter: {
      pk: counterPartitionKey(event.userId, chooseShard(shards, random)),
      sk: counterSortKey(day, event.counter),
      expiresAt: epochSecondsAfter(day, COUNTER_RETENTION_DAYS),
    },
  };
}

/** The configured shard count: an integer 1…MAX_SHARDS, or `fallback` when unset. */
export function parseShardCount(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const shards = Number(raw);
  if (!Number.isInteger(shards) || shards < 1 || shards > MAX_SHARDS) {
    throw new Error(`STATS_SHARDS must be an integer from 1 to ${MAX_SHARDS}, not "${raw}".`);
  }
  return shards;
}
