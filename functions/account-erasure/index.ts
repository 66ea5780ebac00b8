// The erasure worker (README "Leaving ProLynk"): the account-jobs table's stream → the DynamoDB and
// S3 steps of each changed account's erasure (erasureSteps.ts), and its final sweep. A tombstone
// written by deleteAccount or by the reconciler starts it; functions/account-user-removal runs the
// Cognito step after it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbDeletionJobs } from '../lib/deletionJobs.ts';
import { positiveInteger, readEnvironment } from '../lib/environment.ts';
import { createPowertools } from '../lib/powertools.ts';
import { createS3Client } from '../lib/s3Client.ts';
import { eraseAccountStats } from '../stats/eraseStats.ts';
import { dynamoDbAccountRows } from './accountRows.ts';
import { ERASURE_STEPS, eraseObjects } from './erasureSteps.ts';
import { s3ErasePrefix } from './objectVersions.ts';
import { erasureStreamHandler } from './streamHandler.ts';

const env = readEnvironment('account-erasure');
const tools = createPowertools('account-erasure');
const dynamodb = tools.tracer.captureAWSv3Client(new DynamoDBClient({}));
const tables = {
  users: env.USERS_TABLE,
  profiles: env.PROFILES_TABLE,
  links: env.LINKS_TABLE,
  accountJobs: env.ACCOUNT_JOBS_TABLE,
};

/** DynamoDB Streams handler (the account-jobs table). */
export const handler = erasureStreamHandler(tools, {
  jobs: dynamoDbDeletionJobs(
    dynamodb,
    tables.accountJobs,
    positiveInteger('TOMBSTONE_TTL_SECONDS', env.TOMBSTONE_TTL_SECONDS),
  ),
  steps: ERASURE_STEPS,
  finalSweep: eraseObjects,
  worker: 'account-erasure',
  resources: {
    rows: dynamoDbAccountRows(dynamodb, tables),
    erasePrefix: s3ErasePrefix(tools.tracer.captureAWSv3Client(createS3Client()), env.S3_BUCKET),
    eraseStats: (userId) => eraseAccountStats(dynamodb, userId, { table: env.STATS_TABLE }),
  },
  finalSweepDelaySeconds: positiveInteger('FINAL_SWEEP_DELAY_SECONDS', env.FINAL_SWEEP_DELAY_SECONDS),
  now: () => new Date(),
});
