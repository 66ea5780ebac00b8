// Where each shard of one stream is being read from. DynamoDB Streams splits a stream into shards
// that close and get children; Lambda reads every shard in order and a child only once its parent
// is read to the end, so one item's changes arrive in the order they happened.
import type { Shard } from '@aws-sdk/client-dynamodb-streams';

/** The read position in one shard. */
export interface ShardCursor {
  shardId: string;
  /** Where reading began, for a new iterator when no record has been read yet. */
  origin: 'LATEST' | 'TRIM_HORIZON';
  iterator?: string;
  lastSequenceNumber?: string;
  /** The iterator may be unusable (after an error): take a new one after the last record read. */
  stale?: boolean;
  /** Every record of the shard is new to this poller (it was empty when polling began, or is a new shard). */
  allRecordsNew: boolean;
}

/** What to do with a shard a listing of the stream shows. */
export type ShardStart =
  /** Closed before polling began with LATEST: it holds only older records. */
  | { shardId: string; action: 'finish' }
  /** Read it from its tip (LATEST) or its start (TRIM_HORIZON). */
  | { shardId: string; action: 'open'; origin: 'LATEST' | 'TRIM_HORIZON' };

/** The open cursors of one stream and the shards read to their end. */
export class ShardCursors {
  private readonly open = new Map<string, ShardCursor>();
  private readonly finished = new Set<string>();

  /** Whether the shard is being read or was read to its end. */
  isKnown(shardId: string): boolean {
    return this.open.has(shardId) || this.finished.has(shardId);
  }

  isFinished(shardId: string): boolean {
    return this.finished.has(shardId);
  }

  /** Starts reading a shard. */
  add(cursor: ShardCursor): void {
    this.open.set(cursor.shardId, cursor);
  }

  /** The shard is read to its end (or has nothing to read): its children may start. */
  finish(shardId: string): void {
    this.open.delete(shardId);
    this.finished.add(shardId);
  }

  /** The open cursors, in the order they were opened (a copy: reading may finish some). */
  active(): ShardCursor[] {
    return [...this.open.values()];
  }

  /** After a failed poll no iterator can be trusted: each cursor takes a new one before it reads again. */
  markAllStale(): void {
    for (const cursor of this.open.values()) cursor.stale = true;
  }

  /**
   * Records the outcome of one read: the records read (the last one's sequence number is where to
   * resume), and the next iterator. Returns true when there is none, i.e. the shard is closed and
   * read to its end (the cursor is finished).
   */
  advance(
    cursor: ShardCursor,
    records: readonly { dynamodb?: { SequenceNumber?: string } }[],
    nextIterator: string | undefined,
  ): boolean {
    if (records.length > 0) cursor.lastSequenceNumber = records[records.length - 1].dynamodb?.SequenceNumber;
    cursor.iterator = nextIterator;
    if (nextIterator !== undefined) return false;
    this.finish(cursor.shardId);
    return true;
  }
}

/**
 * The shards of a listing that are new to `cursors` and may start now. At start, LATEST reads only
 * what is written from now on: the open shards, at their tips. Shards that appear later hold only
 * newer records: they are read from their start, a child once its parent is finished.
 */
export function planShardStarts(
  shards: Shard[],
  cursors: Pick<ShardCursors, 'isKnown' | 'isFinished'>,
  initial: boolean,
  startingPosition: 'LATEST' | 'TRIM_HORIZON',
): ShardStart[] {
  const listed = new Set(shards.map((s) => s.ShardId));
  const starts: ShardStart[] = [];
  for (const shard of shards) {
    const shardId = shard.ShardId as string;
    if (cursors.isKnown(shardId)) continue;
    if (initial && startingPosition === 'LATEST') {
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      starts.push(closed ? { shardId, action: 'finish' } : { shardId, action: 'open', origin: 'LATEST' });
      continue;
    }
    const parent = shard.ParentShardId;
    if (parent !== undefined && listed.has(parent) && !cursors.isFinished(parent)) continue;
    starts.push({ shardId, action: 'open', origin: 'TRIM_HORIZON' });
  }
  return starts;
}
