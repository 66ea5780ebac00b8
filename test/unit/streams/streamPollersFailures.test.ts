// Stream pollers when DynamoDB Local is gone (stopped, crashed): no hot retry loop, and stop()
// still ends them promptly.
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { startStreamPollers } from '../../../local/lambda/streams/index.ts';
import type { StreamMappingDefinition } from '../../../local/lambda/streams/index.ts';

const mapping: StreamMappingDefinition = {
  logicalId: 'Mapping',
  functionName: 'fn',
  streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x',
  batchSize: 100,
  maximumBatchingWindowSeconds: 0,
  startingPosition: 'LATEST',
  maximumRetryAttempts: 3,
  bisectBatchOnFunctionError: false,
  reportBatchItemFailures: false,
  enabled: true,
};

/** A streams client whose every call fails like an SDK call to a closed port. */
function unreachableClient(): { client: DynamoDBStreamsClient; calls: () => number } {
  let calls = 0;
  const client = {
    send: async () => {
      calls++;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4001'), { code: 'ECONNREFUSED' });
    },
  } as unknown as DynamoDBStreamsClient;
  return { client, calls: () => calls };
}

describe('stream pollers without DynamoDB Local', () => {
  it('back off instead of retrying (and logging) every poll interval', async () => {
    const { client, calls } = unreachableClient();
    const logged: string[] = [];
    const pollers = startStreamPollers({
      mappings: [mapping],
      streamsClient: client,
      pollIntervalMs: 5,
      invoke: async () => ({}),
      log: (message) => logged.push(message),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await pollers.stop();
    // Every 5 ms would be ~100 failed attempts; doubling pauses (5, 10, 20, … ms) allow ~7.
    expect(calls()).toBeGreaterThanOrEqual(3);
    expect(calls()).toBeLessThanOrEqual(10);
    expect(logged.length).toBeLessThanOrEqual(10);
  });

  it('stop() ends a poller that is backing off at once', async () => {
    const { client } = unreachableClient();
    const pollers = startStreamPollers({
      mappings: [mapping],
      streamsClient: client,
      pollIntervalMs: 300,
      invoke: async () => ({}),
      log: () => undefined,
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const began = Date.now();
    await pollers.stop();
    expect(Date.now() - began).toBeLessThan(100);
    await pollers.ready;
  });
});
