// Polls DynamoDB Local's streams for each event source mapping and invokes the function, the way
// Lambda's pollers do for DynamoDB (Lambda developer guide, "Using AWS Lambda with Amazon
// DynamoDB"): every shard read in order, records handed over in batches of at most BatchSize,
// a child shard read only after its parent is finished, and a failed batch retried — from the
// first failed record when the function reports batchItemFailures (ReportBatchItemFailures),
// whole (or bisected, with BisectBatchOnFunctionError) when it throws — until
// MaximumRetryAttempts is spent; then the records are skipped and the shard moves on.
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type {
  _Record as StreamRecord,
  DynamoDBStreamsClient,
  Shard,
  ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_REGION } from '../../awsConfig.ts';
import type { StreamMappingDefinition } from './loadEventSourceMappings.ts';
import type { LambdaStreamRecord } from './streamRecordEvent.ts';
import { toLambdaStreamRecord } from './streamRecordEvent.ts';

// The longest pause between polls while every poll fails.
const MAX_FAILURE_BACKOFF_MS = 5_000;

/** What invoking a function gave: its JSON result, or its error. */
export interface StreamInvokeResult {
  payload?: unknown;
  error?: unknown;
}

export interface StreamPollersOptions {
  mappings: StreamMappingDefinition[];
  streamsClient: DynamoDBStreamsClient;
  /** Invokes the function synchronously (the Lambda runner's invoke). */
  invoke: (functionName: string, event: { Records: LambdaStreamRecord[] }) => Promise<StreamInvokeResult>;
  /** Pause between polls of an idle stream. Lambda polls each shard about four times a second. */
  pollIntervalMs?: number;
  /** How often the shard list is read again to find new shards. */
  shardRefreshMs?: number;
  /** The region records claim to come from (awsRegion). */
  region?: string;
  /** Where problems and skipped records are told (default: stderr). */
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/** Running pollers. */
export interface StreamPollers {
  /** Resolves once every poller holds its starting iterators: writes from then on are delivered. */
  ready: Promise<void>;
  /** Ends polling; resolves once every in-flight invocation has returned. */
  stop(): Promise<void>;
}

interface ShardCursor {
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

/** Starts one poller per enabled mapping. */
export function startStreamPollers(options: StreamPollersOptions): StreamPollers {
  const stopping = new AbortController();
  const log =
    options.log ?? ((message, fields) => process.stderr.write(`[streams] ${message} ${JSON.stringify(fields)}\n`));
  const started = options.mappings
    .filter((m) => m.enabled)
    .map((mapping) => {
      let markReady = (): void => undefined;
      const ready = new Promise<void>((resolve) => {
        markReady = resolve;
      });
      return { ready, loop: pollMapping(mapping, options, stopping.signal, log, markReady) };
    });
  const loops = started.map((s) => s.loop);
  return {
    // A poller that stops before it started counts as ready: nothing waits forever.
    ready: Promise.all(started.map((s) => Promise.race([s.ready, s.loop]))).then(() => undefined),
    async stop() {
      stopping.abort();
      await Promise.allSettled(loops);
    },
  };
}

async function pollMapping(
  mapping: StreamMappingDefinition,
  options: StreamPollersOptions,
  stopped: AbortSignal,
  log: NonNullable<StreamPollersOptions['log']>,
  markReady: () => void,
): Promise<void> {
  const client = options.streamsClient;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const shardRefreshMs = options.shardRefreshMs ?? 1_000;
  const region = options.region ?? LOCAL_REGION;
  const context = { mapping: mapping.logicalId, function: mapping.functionName, stream: mapping.streamArn };
  const abortable = { abortSignal: stopped };

  const cursors = new Map<string, ShardCursor>();
  const finished = new Set<string>();
  let known: Shard[] = [];
  let refreshedAt = 0;

  const iteratorFor = async (
    shardId: string,
    type: ShardIteratorType,
    sequenceNumber?: string,
  ): Promise<string | undefined> => {
    const out = await client.send(
      new GetShardIteratorCommand({
        StreamArn: mapping.streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        SequenceNumber: sequenceNumber,
      }),
      abortable,
    );
    return out.ShardIterator;
  };

  const describeShards = async (): Promise<Shard[]> => {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await client.send(
        new DescribeStreamCommand({ StreamArn: mapping.streamArn, ExclusiveStartShardId: start }),
        abortable,
      );
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start !== undefined);
    return shards;
  };

  const isEmpty = async (shardId: string): Promise<boolean> => {
    const out = await client.send(
      new GetRecordsCommand({ ShardIterator: await iteratorFor(shardId, 'TRIM_HORIZON'), Limit: 1 }),
      abortable,
    );
    return (out.Records ?? []).length === 0;
  };

  // At start, LATEST reads only what is written from now on: the open shards, at their tips.
  // Shards that appear later hold only newer records: they are read from their start.
  const startShards = async (initial: boolean): Promise<void> => {
    known = await describeShards();
    refreshedAt = Date.now();
    const ids = new Set(known.map((s) => s.ShardId));
    for (const shard of known) {
      const shardId = shard.ShardId as string;
      if (cursors.has(shardId) || finished.has(shardId)) continue;
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      if (initial && mapping.startingPosition === 'LATEST') {
        if (closed) finished.add(shardId);
        else
          cursors.set(shardId, {
            shardId,
            origin: 'LATEST',
            iterator: await iteratorFor(shardId, 'LATEST'),
            allRecordsNew: await isEmpty(shardId),
          });
        continue;
      }
      // A child waits for its parent to be read to the end, so one key's changes stay in order.
      const parent = shard.ParentShardId;
      if (parent !== undefined && ids.has(parent) && !finished.has(parent)) continue;
      cursors.set(shardId, {
        shardId,
        origin: 'TRIM_HORIZON',
        iterator: await iteratorFor(shardId, 'TRIM_HORIZON'),
        allRecordsNew: true,
      });
    }
  };

  const invoke = async (
    records: LambdaStreamRecord[],
  ): Promise<{ failedFrom: number | null; functionError: boolean }> => {
    const result = await options.invoke(mapping.functionName, { Records: records });
    if (result.error !== undefined) return { failedFrom: 0, functionError: true };
    if (!mapping.reportBatchItemFailures) return { failedFrom: null, functionError: false };
    const failures = (result.payload as { batchItemFailures?: { itemIdentifier?: unknown }[] } | null)
      ?.batchItemFailures;
    if (!Array.isArray(failures) || failures.length === 0) return { failedFrom: null, functionError: false };
    // Lambda treats a null, empty or unknown itemIdentifier as the whole batch failing.
    const positions = failures.map((f) =>
      records.findIndex(
        (r) => r.dynamodb.SequenceNumber !== undefined && r.dynamodb.SequenceNumber === f?.itemIdentifier,
      ),
    );
    return { failedFrom: positions.some((p) => p < 0) ? 0 : Math.min(...positions), functionError: false };
  };

  // Delivers `records` (in order), retrying as the mapping says; returns when they are done with.
  const deliver = async (records: LambdaStreamRecord[], attempt = 0): Promise<void> => {
    if (records.length === 0 || stopped.aborted) return;
    const { failedFrom, functionError } = await invoke(records);
    if (failedFrom === null) return;
    const remaining = records.slice(failedFrom);
    const retriesLeft = mapping.maximumRetryAttempts < 0 || attempt < mapping.maximumRetryAttempts;
    if (!retriesLeft) {
      log('records skipped after the last retry', {
        ...context,
        attempts: attempt + 1,
        from: remaining[0].dynamodb.SequenceNumber,
        count: remaining.length,
      });
      return;
    }
    await sleep(pollIntervalMs, undefined, { signal: stopped }).catch(() => undefined);
    if (functionError && mapping.bisectBatchOnFunctionError && remaining.length > 1) {
      const half = Math.ceil(remaining.length / 2);
      await deliver(remaining.slice(0, half), attempt + 1);
      await deliver(remaining.slice(half), attempt + 1);
      return;
    }
    await deliver(remaining, attempt + 1);
  };

  const readShard = async (cursor: ShardCursor): Promise<number> => {
    if (cursor.stale) {
      cursor.iterator =
        cursor.lastSequenceNumber === undefined
          ? await iteratorFor(cursor.shardId, cursor.origin)
          : await iteratorFor(cursor.shardId, 'AFTER_SEQUENCE_NUMBER', cursor.lastSequenceNumber);
      cursor.stale = false;
    }
    if (cursor.iterator === undefined) {
      cursors.delete(cursor.shardId);
      finished.add(cursor.shardId);
      return 0;
    }
    let out;
    try {
      out = await client.send(
        new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: Math.min(mapping.batchSize, 1000) }),
        abortable,
      );
    } catch (error) {
      // DynamoDB Local numbers records across ALL its streams: an iterator taken on a shard that
      // was still empty fails with TrimmedDataAccessException once another stream has moved the
      // counter. Every record of such a shard is new, so reading it from its start is exact.
      if (
        (error as Error).name === 'TrimmedDataAccessException' &&
        cursor.lastSequenceNumber === undefined &&
        cursor.allRecordsNew
      ) {
        cursor.iterator = await iteratorFor(cursor.shardId, 'TRIM_HORIZON');
        return 0;
      }
      // Iterators also expire after 15 minutes unused.
      cursor.stale = true;
      throw error;
    }
    const records: StreamRecord[] = out.Records ?? [];
    const events = records.map((record) => toLambdaStreamRecord(record, mapping.streamArn, region));
    for (let start = 0; start < events.length; start += mapping.batchSize) {
      await deliver(events.slice(start, start + mapping.batchSize));
    }
    if (records.length > 0) cursor.lastSequenceNumber = records[records.length - 1].dynamodb?.SequenceNumber;
    cursor.iterator = out.NextShardIterator;
    // No next iterator: the shard is closed and read to its end; its children may start.
    if (cursor.iterator === undefined) {
      cursors.delete(cursor.shardId);
      finished.add(cursor.shardId);
      refreshedAt = 0;
    }
    return records.length;
  };

  let initial = true;
  // Consecutive failed polls: while DynamoDB Local is down, the pause doubles (up to a cap) so a
  // long `npm start` neither spins nor floods the log.
  let failures = 0;
  while (!stopped.aborted) {
    let read = 0;
    try {
      if (initial || Date.now() - refreshedAt >= shardRefreshMs) {
        await startShards(initial);
        if (initial) markReady();
        initial = false;
      }
      for (const cursor of [...cursors.values()]) {
        if (stopped.aborted) break;
        read += await readShard(cursor);
      }
      failures = 0;
    } catch (error) {
      if (stopped.aborted) break;
      failures++;
      const retryInMs = Math.max(pollIntervalMs, Math.min(pollIntervalMs * 2 ** failures, MAX_FAILURE_BACKOFF_MS));
      log('polling failed; trying again', { ...context, error: (error as Error).message, retryInMs });
      for (const cursor of cursors.values()) cursor.stale = true;
      refreshedAt = 0;
      await sleep(retryInMs, undefined, { signal: stopped }).catch(() => undefined);
      continue;
    }
    if (read === 0) await sleep(pollIntervalMs, undefined, { signal: stopped }).catch(() => undefined);
  }
}
