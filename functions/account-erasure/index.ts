// The erasure worker (README "Leaving ProLynk"): the account-jobs table's stream (keys only) →
// eraseAccount for each account whose deletion job changed. A tombstone written by deleteAccount
// or by the reconciler starts it; the reconciler's nudges resume a stalled one. A failed erasure
// is reported with batchItemFailures, so Lambda retries it (its progress is on the tombstone).
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { cognitoUsers } from '../lib/cognitoUsers.ts';
import { dynamoDbDeletionJobs } from '../lib/deletionJobs.ts';
import { requiredEnv, requiredPositiveInteger } from '../lib/environment.ts';
import { createLogger } from '../lib/logger.ts';
import { createS3Client } from '../lib/s3Client.ts';
import type { DynamoDBStreamEvent, StreamBatchResponse } from '../publish/streamEvent.ts';
import { dynamoDbAccountRows } from './accountRows.ts';
import { eraseAccount } from './eraseAccount.ts';
import type { EraseAccountDependencies } from './eraseAccount.ts';
import { ERASURE_STEPS, eraseObjects } from './erasureSteps.ts';
import { erasureRequests } from './jobRecords.ts';
import { s3ErasePrefix } from './objectVersions.ts';

const logger = createLogger('account-erasure');
const dynamodb = new DynamoDBClient({});
const tables = {
  users: requiredEnv('USERS_TABLE'),
  profiles: requiredEnv('PROFILES_TABLE'),
  links: requiredEnv('LINKS_TABLE'),
  accountJobs: requiredEnv('ACCOUNT_JOBS_TABLE'),
};
const deps: EraseAccountDependencies = {
  jobs: dynamoDbDeletionJobs(dynamodb, tables.accountJobs, requiredPositiveInteger('TOMBSTONE_TTL_SECONDS')),
  steps: ERASURE_STEPS,
  finalSweep: eraseObjects,
  resources: {
    rows: dynamoDbAccountRows(dynamodb, tables),
    erasePrefix: s3ErasePrefix(createS3Client(), requiredEnv('S3_BUCKET')),
    cognito: cognitoUsers(new CognitoIdentityProviderClient({}), requiredEnv('USER_POOL_ID')),
  },
  finalSweepDelaySeconds: requiredPositiveInteger('FINAL_SWEEP_DELAY_SECONDS'),
  now: () => new Date(),
};

/** DynamoDB Streams handler: advances each requested erasure; the first failure ends the batch. */
export async function handler(event: DynamoDBStreamEvent): Promise<StreamBatchResponse> {
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
      // Lambda retries from this record; everything after it is delivered again too.
      return { batchItemFailures: [{ itemIdentifier: request.sequenceNumber }] };
    }
  }
  return { batchItemFailures: [] };
}
