// Polls DynamoDB Local's streams for each event source mapping and invokes the function, the way
// Lambda's pollers do for DynamoDB (Lambda developer guide, "Using AWS Lambda with Amazon
// DynamoDB"): every shard read in order, records handed over in batches of at most BatchSize,
// a child shard read only after its parent is finished, and a failed batch retried — from the
// first failed record when the function reports batchItemFailures (ReportBatchItemFailures),
// whole (or bisected, with BisectBatchOnFunctionError) when it throws — until
// MaximumRetryAttempts is spent; then the records are skipped and the shard moves on.
// One MappingPoller per mapping (mappingPoller.ts) over its shard cursors (shardCursors.ts) and the
// pure retry policy (retryPolicy.ts).
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_REGION } from '../../awsConfig.ts';
import type { StreamMappingDefinition } from './loadEventSourceMappings.ts';
import { MappingPoller } from './mappingPoller.ts';
import type { PollerSettings } from './mappingPoller.ts';
import { systemClock } from './pollerClock.ts';
import type { PollerClock } from './pollerClock.ts';
import type { StreamInvokeResult } from './retryPolicy.ts';
import type { LambdaStreamRecord } from './streamRecordEvent.ts';

export type { StreamInvokeResult } from './retryPolicy.ts';

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
  /** The time and pauses (tests pass a virtual clock). */
  clock?: PollerClock;
}

/** Running pollers. */
export interface StreamPollers {
  /** Resolves once every poller holds its starting iterators: writes from then on are delivered. */
  ready: Promise<void>;
  /** Ends polling; resolves once every in-flight invocation has returned. */
  stop(): Promise<void>;
}

/** Starts one poller per enabled mapping. */
export function startStreamPollers(options: StreamPollersOptions): StreamPollers {
  const stopping = new AbortController();
  const settings = pollerSettings(options);
  const started = options.mappings
    .filter((m) => m.enabled)
    .map((mapping) => {
      let markReady = (): void => undefined;
      const ready = new Promise<void>((resolve) => {
        markReady = resolve;
      });
      return { ready, loop: new MappingPoller(mapping, settings, stopping.signal).run(markReady) };
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

function pollerSettings(options: StreamPollersOptions): PollerSettings {
  return {
    streamsClient: options.streamsClient,
    invoke: options.invoke,
    pollIntervalMs: options.pollIntervalMs ?? 200,
    shardRefreshMs: options.shardRefreshMs ?? 1_000,
    region: options.region ?? LOCAL_REGION,
    log: options.log ?? ((message, fields) => process.stderr.write(`[streams] ${message} ${JSON.stringify(fields)}\n`)),
    clock: options.clock ?? systemClock,
  };
}
