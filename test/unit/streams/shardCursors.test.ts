// Shard cursors: which shards of a listing start when, and how a read moves a cursor.
import type { Shard } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { ShardCursors, planShardStarts } from '../../../local/lambda/streams/shardCursors.ts';
import type { ShardCursor } from '../../../local/lambda/streams/shardCursors.ts';

const open = (id: string, parent?: string): Shard => ({
  ShardId: id,
  ParentShardId: parent,
  SequenceNumberRange: { StartingSequenceNumber: '1' },
});
const closed = (id: string, parent?: string): Shard => ({
  ShardId: id,
  ParentShardId: parent,
  SequenceNumberRange: { StartingSequenceNumber: '1', EndingSequenceNumber: '9' },
});
const cursor = (shardId: string): ShardCursor => ({
  shardId,
  origin: 'TRIM_HORIZON',
  iterator: 'it',
  allRecordsNew: true,
});

describe('planShardStarts', () => {
  it('at start with LATEST: opens the open shards at their tips and finishes the closed ones (they hold only older records)', () => {
    expect(planShardStarts([closed('a'), open('b', 'a')], new ShardCursors(), true, 'LATEST')).toEqual([
      { shardId: 'a', action: 'finish' },
      { shardId: 'b', action: 'open', origin: 'LATEST' },
    ]);
  });

  it('with TRIM_HORIZON, or for shards that appear later: reads from the start, a child only once its parent is finished', () => {
    const cursors = new ShardCursors();
    expect(planShardStarts([closed('a'), open('b', 'a')], cursors, true, 'TRIM_HORIZON')).toEqual([
      { shardId: 'a', action: 'open', origin: 'TRIM_HORIZON' },
    ]);
    cursors.add(cursor('a'));
    expect(planShardStarts([closed('a'), open('b', 'a')], cursors, false, 'LATEST')).toEqual([]);
    cursors.finish('a');
    expect(planShardStarts([closed('a'), open('b', 'a')], cursors, false, 'LATEST')).toEqual([
      { shardId: 'b', action: 'open', origin: 'TRIM_HORIZON' },
    ]);
  });

  it('starts a child whose parent is no longer listed (trimmed away)', () => {
    expect(planShardStarts([open('b', 'gone')], new ShardCursors(), false, 'LATEST')).toEqual([
      { shardId: 'b', action: 'open', origin: 'TRIM_HORIZON' },
    ]);
  });

  it('leaves shards alone that are being read or were read to their end', () => {
    const cursors = new ShardCursors();
    cursors.add(cursor('a'));
    cursors.add(cursor('b'));
    cursors.finish('b');
    expect(planShardStarts([open('a'), closed('b')], cursors, false, 'TRIM_HORIZON')).toEqual([]);
  });
});

describe('ShardCursors', () => {
  it('advances a cursor to the last record read and the next iterator', () => {
    const cursors = new ShardCursors();
    const a = cursor('a');
    cursors.add(a);

    const finished = cursors.advance(
      a,
      [{ dynamodb: { SequenceNumber: '5' } }, { dynamodb: { SequenceNumber: '7' } }],
      'next',
    );

    expect(finished).toBe(false);
    expect(a).toMatchObject({ lastSequenceNumber: '7', iterator: 'next' });
    expect(cursors.active()).toEqual([a]);
  });

  it('keeps the last position when a read found nothing', () => {
    const cursors = new ShardCursors();
    const a = { ...cursor('a'), lastSequenceNumber: '7' };
    cursors.add(a);

    expect(cursors.advance(a, [], 'next')).toBe(false);
    expect(a.lastSequenceNumber).toBe('7');
  });

  it('finishes a shard with no next iterator (closed and read to its end)', () => {
    const cursors = new ShardCursors();
    const a = cursor('a');
    cursors.add(a);

    expect(cursors.advance(a, [], undefined)).toBe(true);
    expect(cursors.active()).toEqual([]);
    expect(cursors.isFinished('a')).toBe(true);
    expect(cursors.isKnown('a')).toBe(true);
  });

  it('marks every open cursor stale after a failed poll', () => {
    const cursors = new ShardCursors();
    cursors.add(cursor('a'));
    cursors.add(cursor('b'));

    cursors.markAllStale();

    expect(cursors.active().map((c) => c.stale)).toEqual([true, true]);
  });
});
