// How Lambda's DynamoDB stream pollers treat a batch the function did not process (Lambda developer
// guide, "Using AWS Lambda with Amazon DynamoDB", error handling), and how long a poller waits
// while DynamoDB Local cannot be reached. Pure: the poller does the waiting and the invoking.
import type { StreamMappingDefinition } from './loadEventSourceMappings.ts';
import type { LambdaStreamRecord } from './streamRecordEvent.ts';

// The longest pause between polls while every poll fails.
export const MAX_FAILURE_BACKOFF_MS = 5_000;

/** What invoking a function gave: its JSON result, or its error. */
export interface StreamInvokeResult {
  payload?: unknown;
  error?: unknown;
}

/** Which records of a batch failed: from `failedFrom` on (null: none), and whether the function threw. */
export interface BatchOutcome {
  failedFrom: number | null;
  functionError: boolean;
}

/** What the poller does next with a batch. */
export type NextStep =
  | { kind: 'done' }
  /** Retries are spent: `records` are skipped; `attempts` invocations were made. */
  | { kind: 'skip'; records: LambdaStreamRecord[]; attempts: number }
  /** After a pause, deliver each of `batches` in order as attempt number `attempt`. */
  | { kind: 'retry'; batches: LambdaStreamRecord[][]; attempt: number };

/**
 * Reads the function's answer for `records`: a function error fails the whole batch; with
 * ReportBatchItemFailures, the batch fails from its earliest reported record.
 */
export function batchOutcome(
  result: StreamInvokeResult,
  records: LambdaStreamRecord[],
  reportBatchItemFailures: boolean,
): BatchOutcome {
  if (result.error !== undefined) return { failedFrom: 0, functionError: true };
  if (!reportBatchItemFailures) return { failedFrom: null, functionError: false };
  const failures = (result.payload as { batchItemFailures?: { itemIdentifier?: unknown }[] } | null)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return { failedFrom: null, functionError: false };
  // Lambda treats a null, empty or unknown itemIdentifier as the whole batch failing.
  const positions = failures.map((f) =>
    records.findIndex(
      (r) => r.dynamodb.SequenceNumber !== undefined && r.dynamodb.SequenceNumber === f?.itemIdentifier,
    ),
  );
  return { failedFrom: positions.some((p) => p < 0) ? 0 : Math.min(...positions), functionError: false };
}

/**
 * After invocation number `attempt` (0 for the first) of `records`: done, retry the failed records
 * (bisected when the function threw and BisectBatchOnFunctionError is on), or skip them once
 * MaximumRetryAttempts (-1: no limit) is spent.
 */
export function nextStep(
  outcome: BatchOutcome,
  records: LambdaStreamRecord[],
  attempt: number,
  mapping: Pick<StreamMappingDefinition, 'maximumRetryAttempts' | 'bisectBatchOnFunctionError'>,
): NextStep {
  if (outcome.failedFrom === null) return { kind: 'done' };
  const remaining = records.slice(outcome.failedFrom);
  const retriesLeft = mapping.maximumRetryAttempts < 0 || attempt < mapping.maximumRetryAttempts;
  if (!retriesLeft) return { kind: 'skip', records: remaining, attempts: attempt + 1 };
  if (outcome.functionError && mapping.bisectBatchOnFunctionError && remaining.length > 1) {
    const half = Math.ceil(remaining.length / 2);
    return { kind: 'retry', batches: [remaining.slice(0, half), remaining.slice(half)], attempt: attempt + 1 };
  }
  return { kind: 'retry', batches: [remaining], attempt: attempt + 1 };
}

/**
 * The pause after `failures` consecutive failed polls: doubling from the poll interval, capped, so
 * a long `npm start` without DynamoDB Local neither spins nor floods the log.
 */
export function failureBackoffMs(pollIntervalMs: number, failures: number): number {
  return Math.max(pollIntervalMs, Math.min(pollIntervalMs * 2 ** failures, MAX_FAILURE_BACKOFF_MS));
}
