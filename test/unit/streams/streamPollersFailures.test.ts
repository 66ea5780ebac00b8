// Stream pollers when DynamoDB Local is gone (stopped, crashed): no hot retry loop, and stop()
// still ends them promptly. Time is virtual (virtualClock.ts): pauses are counted, never slept.
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { startStreamPollers } from '../../../local/lambda/streams/index.ts';
import type { StreamMappingDefinition } from '../../../local/lambda/streams/index.ts';
import { systemClock } from '../../../local/lambda/streams/pollerClock.ts';
import { settlesAtOnce, virtualClock } from './virtualClock.ts';

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
  it('back off, doubling the pause after each failed poll, instead of retrying (and logging) every poll interval', async () => {
    const { client, calls } = unreachableClient();
    const clock = virtualClock(500);
    const logged: { message: string; retryInMs: unknown }[] = [];
    const pollers = startStreamPollers({
      mappings: [mapping],
      streamsClient: client,
      pollIntervalMs: 5,
      invoke: async () => ({}),
      log: (message, fields) => logged.push({ message, retryInMs: fields.retryInMs }),
      clock,
    });
    await clock.reachedHorizon;
    await pollers.stop();

    // Polls at 0, 10, 30, 70, 150 and 310 ms; the next pause (320 ms) would pass 500 ms. Every 5 ms would be 100 polls.
    expect(clock.pauses).toEqual([10, 20, 40, 80, 160]);
    expect(calls()).toBe(6);
    expect(logged).toEqual(
      [10, 20, 40, 80, 160, 320].map((retryInMs) => ({ message: 'polling failed; trying again', retryInMs })),
    );
  });

  it('never pause longer than 5 s between attempts, however long the outage', async () => {
    const { client } = unreachableClient();
    const clock = virtualClock(10 * 60_000);
    const pollers = startStreamPollers({
      mappings: [mapping],
      streamsClient: client,
      pollIntervalMs: 200,
      invoke: async () => ({}),
      log: () => undefined,
      clock,
    });
    await clock.reachedHorizon;
    await pollers.stop();

    expect(clock.pauses.slice(0, 6)).toEqual([400, 800, 1600, 3200, 5000, 5000]);
    expect(Math.max(...clock.pauses)).toBe(5000);
  });

  it('stop() ends a poller that is backing off at once, without waiting out its pause', async () => {
    const { client, calls } = unreachableClient();
    const clock = virtualClock(1_000);
    const pollers = startStreamPollers({
      mappings: [mapping],
      streamsClient: client,
      pollIntervalMs: 300,
      invoke: async () => ({}),
      log: () => undefined,
      clock,
    });
    await clock.reachedHorizon;
    const before = calls();

    expect(await settlesAtOnce(pollers.stop())).toBe(true);
    expect(await settlesAtOnce(pollers.ready)).toBe(true);
    expect(calls()).toBe(before);
  });

  it("the real clock's pause ends as soon as polling stops", async () => {
    const stopping = new AbortController();
    const pause = systemClock.sleep(60_000, stopping.signal);
    stopping.abort();

    expect(await settlesAtOnce(pause)).toBe(true);
  });
});
