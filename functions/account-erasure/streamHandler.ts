// The stream handler both erasure workers run (erasureSteps.ts): each record of the account-jobs
// stream (keys only) names an account whose deletion job changed, and eraseAccount advances it as
// far as this worker's steps go. A failed erasure is reported with batchItemFailures, so Lambda
// retries it (its progress is on the tombstone); after the mapping's retries the reconciler's
// nudges resume it.
import type { LambdaHandler, Powertools } from '../lib/powertools.ts';
import { MetricUnit, withPowertools } from '../lib/powertools.ts';
import type { DynamoDBStreamEvent, StreamBatchResponse } from '../publish/streamEvent.ts';
import { eraseAccount } from './eraseAccount.ts';
import type { EraseAccountDependencies } from './eraseAccount.ts';
import { erasureRequests } from './jobRecords.ts';

/** A DynamoDB Streams handler that advances each requested erasure; the first failure ends the batch. */
export function erasureStreamHandler(
  tools: Powertools,
  deps: EraseAccountDependencies,
): LambdaHandler<DynamoDBStreamEvent, StreamBatchResponse> {
  const { logger, metrics } = tools;
  return withPowertools(tools, async (event) => {
    const records = Array.isArray(event?.Records) ? event.Records : [];
    for (const request of erasureRequests(records)) {
      const started = Date.now();
      try {
        const outcome = await eraseAccount(request.userId, deps);
        logger.info('erasure advanced', {
          operation: 'eraseAccount',
          userId: request.userId,
          outcome,
          durationMs: Date.now() - started,
        });
      } catch (error) {
        logger.error('erasure failed; it will be retried', {
          operation: 'eraseAccount',
          userId: request.userId,
          outcome: 'error',
          durationMs: Date.now() - started,
          error,
        });
        metrics.addMetric('ErasureFailures', MetricUnit.Count, 1);
        // Lambda retries from this record; everything after it is delivered again too.
        return { batchItemFailures: [{ itemIdentifier: request.sequenceNumber }] };
      }
    }
    return { batchItemFailures: [] };
  });
}
