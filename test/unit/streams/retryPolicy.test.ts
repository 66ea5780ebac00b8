// The pure retry policy of the stream pollers: what a function's answer means for its batch, what
// happens next, and how long to wait while DynamoDB Local is unreachable.
import { describe, expect, it } from 'vitest';
import {
  MAX_FAILURE_BACKOFF_MS,
  batchOutcome,
  failureBackoffMs,
  nextStep,
} from '../../../local/lambda/streams/retryPolicy.ts';
import type { LambdaStreamRecord } from '../../../local/lambda/streams/streamRecordEvent.ts';

function record(sequenceNumber: string): LambdaStreamRecord {
  return {
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: { SequenceNumber: sequenceNumber },
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x',
  };
}
const batch = ['100', '200', '300', '400'].map(record);
const failures = (...ids: unknown[]) => ({
  payload: { batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) },
});

describe('batchOutcome', () => {
  it('fails the whole batch when the function threw, whatever ReportBatchItemFailures says', () => {
    expect(batchOutcome({ error: { errorType: 'Error' } }, batch, false)).toEqual({
      failedFrom: 0,
      functionError: true,
    });
    expect(batchOutcome({ error: { errorType: 'Error' } }, batch, true)).toEqual({
      failedFrom: 0,
      functionError: true,
    });
  });

  it('ignores batchItemFailures unless the mapping reports them', () => {
    expect(batchOutcome(failures('200'), batch, false)).toEqual({ failedFrom: null, functionError: false });
  });

  it('treats no list, an empty list or a null payload as success', () => {
    for (const result of [{ payload: null }, { payload: {} }, failures(), { payload: { batchItemFailures: 'x' } }]) {
      expect(batchOutcome(result, batch, true)).toEqual({ failedFrom: null, functionError: false });
    }
  });

  it('fails from the earliest reported record, in whatever order they are reported', () => {
    expect(batchOutcome(failures('400', '200'), batch, true)).toEqual({ failedFrom: 1, functionError: false });
  });

  it('fails the whole batch for a null, empty or unknown itemIdentifier', () => {
    for (const id of [null, '', 'not-in-batch']) {
      expect(batchOutcome(failures('300', id), batch, true)).toEqual({ failedFrom: 0, functionError: false });
    }
  });
});

describe('nextStep', () => {
  const retrying = { maximumRetryAttempts: 2, bisectBatchOnFunctionError: false };

  it('is done when nothing failed', () => {
    expect(nextStep({ failedFrom: null, functionError: false }, batch, 0, retrying)).toEqual({ kind: 'done' });
  });

  it('retries the records from the first failed one, counting the attempt', () => {
    expect(nextStep({ failedFrom: 2, functionError: false }, batch, 0, retrying)).toEqual({
      kind: 'retry',
      batches: [batch.slice(2)],
      attempt: 1,
    });
  });

  it('skips the failed records once MaximumRetryAttempts retries were made', () => {
    expect(nextStep({ failedFrom: 1, functionError: false }, batch, 2, retrying)).toEqual({
      kind: 'skip',
      records: batch.slice(1),
      attempts: 3,
    });
  });

  it('retries without limit when MaximumRetryAttempts is -1', () => {
    const forever = { maximumRetryAttempts: -1, bisectBatchOnFunctionError: false };
    expect(nextStep({ failedFrom: 0, functionError: true }, batch, 10_000, forever).kind).toBe('retry');
  });

  it('bisects a batch the function threw on when BisectBatchOnFunctionError is on, down to single records', () => {
    const bisecting = { maximumRetryAttempts: 5, bisectBatchOnFunctionError: true };
    expect(nextStep({ failedFrom: 0, functionError: true }, batch.slice(0, 3), 0, bisecting)).toEqual({
      kind: 'retry',
      batches: [batch.slice(0, 2), batch.slice(2, 3)],
      attempt: 1,
    });
    expect(nextStep({ failedFrom: 0, functionError: true }, batch.slice(0, 1), 1, bisecting)).toEqual({
      kind: 'retry',
      batches: [batch.slice(0, 1)],
      attempt: 2,
    });
  });

  it('does not bisect reported item failures, only function errors', () => {
    const bisecting = { maximumRetryAttempts: 5, bisectBatchOnFunctionError: true };
    expect(nextStep({ failedFrom: 0, functionError: false }, batch, 0, bisecting)).toEqual({
      kind: 'retry',
      batches: [batch],
      attempt: 1,
    });
  });
});

describe('failureBackoffMs', () => {
  it('doubles from the poll interval with each consecutive failure, up to a 5 s cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => failureBackoffMs(200, n))).toEqual([
      400, 800, 1600, 3200, 5000, 5000, 5000,
    ]);
    expect(MAX_FAILURE_BACKOFF_MS).toBe(5000);
  });

  it('never pauses less than the poll interval, even when the interval is above the cap', () => {
    expect(failureBackoffMs(8000, 3)).toBe(8000);
  });
});
