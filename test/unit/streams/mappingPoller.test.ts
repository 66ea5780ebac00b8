// One mapping's poller against a scripted stream (no DynamoDB Local, virtual time): how retries,
// bisection and a failed read play out across polls.
import type { DynamoDBStreamsClient, _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { startStreamPollers } from '../../../local/lambda/streams/index.ts';
import type { LambdaStreamRecord, StreamMappingDefinition } from '../../../local/lambda/streams/index.ts';
import { virtualClock } from './virtualClock.ts';

const STREAM = 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x';

/** One open shard whose iterators are `s1@<position>`; `failNextRead` makes the next GetRecords throw. */
class ScriptedStream {
  readonly records: StreamRecord[] = [];
  readonly iteratorRequests: string[] = [];
  failNextRead = false;

  append(...sequenceNumbers: string[]): void {
    for (const n of sequenceNumbers)
      this.records.push({ eventName: 'INSERT', dynamodb: { SequenceNumber: n, Keys: { id: { S: n } } } });
  }

  readonly client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const input = command.input;
      switch (command.constructor.name) {
        case 'DescribeStreamCommand':
          return {
            StreamDescription: { Shards: [{ ShardId: 's1', SequenceNumberRange: { StartingSequenceNumber: '1' } }] },
          };
        case 'GetShardIteratorCommand':
          this.iteratorRequests.push(
            `${input.ShardIteratorType}${input.SequenceNumber ? ` ${input.SequenceNumber}` : ''}`,
          );
          return { ShardIterator: `s1@${this.position(input)}` };
        case 'GetRecordsCommand': {
          if (this.failNextRead) {
            this.failNextRead = false;
            throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
          }
          const from = Number(String(input.ShardIterator).split('@')[1]);
          const records = this.records.slice(from, from + Number(input.Limit));
          return { Records: records, NextShardIterator: `s1@${from + records.length}` };
        }
        default:
          throw new Error(`unexpected ${command.constructor.name}`);
      }
    },
  } as unknown as DynamoDBStreamsClient;

  private position(input: Record<string, unknown>): number {
    if (input.ShardIteratorType === 'TRIM_HORIZON') return 0;
    if (input.ShardIteratorType === 'LATEST') return this.records.length;
    return this.records.findIndex((r) => r.dynamodb?.SequenceNumber === input.SequenceNumber) + 1;
  }
}

function mapping(overrides: Partial<StreamMappingDefinition>): StreamMappingDefinition {
  return {
    logicalId: 'Mapping',
    functionName: 'fn',
    streamArn: STREAM,
    batchSize: 100,
    maximumBatchingWindowSeconds: 0,
    startingPosition: 'TRIM_HORIZON',
    maximumRetryAttempts: -1,
    bisectBatchOnFunctionError: false,
    reportBatchItemFailures: false,
    enabled: true,
    ...overrides,
  };
}

const ids = (records: LambdaStreamRecord[]) => records.map((r) => r.dynamodb.SequenceNumber);

describe('a mapping poller', () => {
  it('bisects a batch the function throws on, retries each half, and skips the record that still fails after the last retry', async () => {
    const stream = new ScriptedStream();
    stream.append('1', '2', '3', '4');
    const invoked: (string | undefined)[][] = [];
    const logged: Record<string, unknown>[] = [];
    const clock = virtualClock(5_000);
    const pollers = startStreamPollers({
      mappings: [mapping({ bisectBatchOnFunctionError: true, maximumRetryAttempts: 2 })],
      streamsClient: stream.client,
      invoke: async (_fn, event) => {
        invoked.push(ids(event.Records));
        return ids(event.Records).includes('3')
          ? { error: { errorType: 'Error', errorMessage: 'boom' } }
          : { payload: null };
      },
      log: (message, fields) => logged.push({ message, ...fields }),
      clock,
    });
    await clock.reachedHorizon;
    await pollers.stop();

    expect(invoked).toEqual([['1', '2', '3', '4'], ['1', '2'], ['3', '4'], ['3'], ['4']]);
    expect(logged).toEqual([
      expect.objectContaining({ message: 'records skipped after the last retry', from: '3', count: 1, attempts: 3 }),
    ]);
  });

  it('after a failed read, resumes right after the last record it delivered: nothing is lost or delivered twice', async () => {
    const stream = new ScriptedStream();
    stream.append('1', '2');
    const invoked: (string | undefined)[][] = [];
    const clock = virtualClock(5_000);
    const pollers = startStreamPollers({
      mappings: [mapping({})],
      streamsClient: stream.client,
      invoke: async (_fn, event) => {
        invoked.push(ids(event.Records));
        if (invoked.length === 1) {
          stream.append('3');
          stream.failNextRead = true;
        }
        return { payload: null };
      },
      log: () => undefined,
      clock,
    });
    await clock.reachedHorizon;
    await pollers.stop();

    expect(invoked).toEqual([['1', '2'], ['3']]);
    expect(stream.iteratorRequests).toEqual(['TRIM_HORIZON', 'AFTER_SEQUENCE_NUMBER 2']);
  });

  it('with LATEST, delivers only what is written after it is ready', async () => {
    const stream = new ScriptedStream();
    stream.append('1');
    const invoked: (string | undefined)[][] = [];
    const clock = virtualClock(5_000);
    const pollers = startStreamPollers({
      mappings: [mapping({ startingPosition: 'LATEST' })],
      streamsClient: stream.client,
      invoke: async (_fn, event) => {
        invoked.push(ids(event.Records));
        return { payload: null };
      },
      log: () => undefined,
      clock,
    });
    await pollers.ready;
    stream.append('2');
    await clock.reachedHorizon;
    await pollers.stop();

    expect(invoked).toEqual([['2']]);
  });
});
