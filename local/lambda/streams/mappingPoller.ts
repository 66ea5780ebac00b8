// The poller of one event source mapping: list the stream's shards, read each open shard in order,
// hand records to the function in batches of at most BatchSize, retry failed batches as the mapping
// says (retryPolicy.ts), and keep going through DynamoDB Local outages with a growing pause.
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { StreamMappingDefinition } from './loadEventSourceMappings.ts';
import type { PollerClock } from './pollerClock.ts';
import { batchOutcome, failureBackoffMs, nextStep } from './retryPolicy.ts';
import type { StreamInvokeResult } from './retryPolicy.ts';
import { ShardCursors, planShardStarts } from './shardCursors.ts';
import type { ShardCursor } from './shardCursors.ts';
import { StreamShards } from './streamShards.ts';
import type { LambdaStreamRecord } from './streamRecordEvent.ts';
import { toLambdaStreamRecord } from './streamRecordEvent.ts';

// GetRecords returns at most 1,000 records per call.
const MAX_RECORDS_PER_READ = 1_000;

/** What every poller of a set shares. */
export interface PollerSettings {
  streamsClient: DynamoDBStreamsClient;
  invoke: (functionName: string, event: { Records: LambdaStreamRecord[] }) => Promise<StreamInvokeResult>;
  pollIntervalMs: number;
  shardRefreshMs: number;
  region: string;
  log: (message: string, fields: Record<string, unknown>) => void;
  clock: PollerClock;
}

/** Polls one mapping's stream until `stopped` aborts. */
export class MappingPoller {
  private readonly cursors = new ShardCursors();
  private readonly shards: StreamShards;
  private readonly context: Record<string, string>;
  // When the shard list was last read; 0 asks for a new listing before the next read.
  private refreshedAt = 0;

  constructor(
    private readonly mapping: StreamMappingDefinition,
    private readonly settings: PollerSettings,
    private readonly stopped: AbortSignal,
  ) {
    this.shards = new StreamShards(settings.streamsClient, mapping.streamArn, stopped);
    this.context = { mapping: mapping.logicalId, function: mapping.functionName, stream: mapping.streamArn };
  }

  /** Polls until stopped; `markReady` is called once the starting iterators are held. */
  async run(markReady: () => void): Promise<void> {
    let initial = true;
    // Consecutive failed polls (DynamoDB Local down): each one doubles the pause, up to a cap.
    let failures = 0;
    while (!this.stopped.aborted) {
      let read = 0;
      try {
        if (initial || this.settings.clock.now() - this.refreshedAt >= this.settings.shardRefreshMs) {
          await this.startNewShards(initial);
          if (initial) markReady();
          initial = false;
        }
        read = await this.readOpenShards();
        failures = 0;
      } catch (error) {
        if (this.stopped.aborted) break;
        failures++;
        await this.recover(error, failures);
        continue;
      }
      if (read === 0) await this.pause(this.settings.pollIntervalMs);
    }
  }

  /** Lists the shards and opens a cursor on each one that may start now. */
  private async startNewShards(initial: boolean): Promise<void> {
    const listed = await this.shards.list();
    this.refreshedAt = this.settings.clock.now();
    for (const start of planShardStarts(listed, this.cursors, initial, this.mapping.startingPosition)) {
      if (start.action === 'finish') {
        this.cursors.finish(start.shardId);
        continue;
      }
      const iterator = await this.shards.iterator(start.shardId, start.origin);
      // A shard opened at its tip may still hold nothing at all: then every record it gets is new.
      const allRecordsNew = start.origin === 'LATEST' ? await this.shards.isEmpty(start.shardId) : true;
      this.cursors.add({ shardId: start.shardId, origin: start.origin, iterator, allRecordsNew });
    }
  }

  /** One read of every open shard; the number of records read. */
  private async readOpenShards(): Promise<number> {
    let read = 0;
    for (const cursor of this.cursors.active()) {
      if (this.stopped.aborted) break;
      read += await this.readShard(cursor);
    }
    return read;
  }

  /** Reads the next records of one shard and delivers them; the number read. */
  private async readShard(cursor: ShardCursor): Promise<number> {
    if (cursor.stale) {
      cursor.iterator =
        cursor.lastSequenceNumber === undefined
          ? await this.shards.iterator(cursor.shardId, cursor.origin)
          : await this.shards.iterator(cursor.shardId, 'AFTER_SEQUENCE_NUMBER', cursor.lastSequenceNumber);
      cursor.stale = false;
    }
    if (cursor.iterator === undefined) {
      this.cursors.finish(cursor.shardId);
      return 0;
    }
    let out;
    try {
      out = await this.shards.read(cursor.iterator, Math.min(this.mapping.batchSize, MAX_RECORDS_PER_READ));
    } catch (error) {
      // DynamoDB Local numbers records across ALL its streams: an iterator taken on a shard that
      // was still empty fails with TrimmedDataAccessException once another stream has moved the
      // counter. Every record of such a shard is new, so reading it from its start is exact.
      if (
        (error as Error).name === 'TrimmedDataAccessException' &&
        cursor.lastSequenceNumber === undefined &&
        cursor.allRecordsNew
      ) {
        cursor.iterator = await this.shards.iterator(cursor.shardId, 'TRIM_HORIZON');
        return 0;
      }
      // Iterators also expire after 15 minutes unused.
      cursor.stale = true;
      throw error;
    }
    const { records } = out;
    const events = records.map((record) => toLambdaStreamRecord(record, this.mapping.streamArn, this.settings.region));
    for (let start = 0; start < events.length; start += this.mapping.batchSize) {
      await this.deliver(events.slice(start, start + this.mapping.batchSize));
    }
    // A shard read to its end lets its children start: list the shards again before the next read.
    if (this.cursors.advance(cursor, records, out.nextIterator)) this.refreshedAt = 0;
    return records.length;
  }

  /** Delivers `records` (in order), retrying as the mapping says; returns when they are done with. */
  private async deliver(records: LambdaStreamRecord[], attempt = 0): Promise<void> {
    if (records.length === 0 || this.stopped.aborted) return;
    const result = await this.settings.invoke(this.mapping.functionName, { Records: records });
    const step = nextStep(
      batchOutcome(result, records, this.mapping.reportBatchItemFailures),
      records,
      attempt,
      this.mapping,
    );
    if (step.kind === 'done') return;
    if (step.kind === 'skip') {
      this.settings.log('records skipped after the last retry', {
        ...this.context,
        attempts: step.attempts,
        from: step.records[0].dynamodb.SequenceNumber,
        count: step.records.length,
      });
      return;
    }
    await this.pause(this.settings.pollIntervalMs);
    for (const batch of step.batches) await this.deliver(batch, step.attempt);
  }

  /** After a failed poll: say so, distrust every iterator, list the shards again, and wait. */
  private async recover(error: unknown, failures: number): Promise<void> {
    const retryInMs = failureBackoffMs(this.settings.pollIntervalMs, failures);
    this.settings.log('polling failed; trying again', { ...this.context, error: (error as Error).message, retryInMs });
    this.cursors.markAllStale();
    this.refreshedAt = 0;
    await this.pause(retryInMs);
  }

  private pause(ms: number): Promise<void> {
    return this.settings.clock.sleep(ms, this.stopped);
  }
}
