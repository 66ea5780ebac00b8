// The user removal (README "Leaving ProLynk"): the account-jobs table's stream → the Cognito step
// of each changed account's erasure (erasureSteps.ts), once functions/account-erasure has done
// every step before it. It removes the Cognito user last: while the user exists its tokens can be
// refreshed, and the tombstone refuses them.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ERASURE_STEPS, eraseObjects } from '../account-erasure/erasureSteps.ts';
import { erasureStreamHandler } from '../account-erasure/streamHandler.ts';
import { cognitoUsers } from '../lib/cognitoUsers.ts';
import { dynamoDbDeletionJobs } from '../lib/deletionJobs.ts';
import { positiveInteger, readEnvironment } from '../lib/environment.ts';
import { createPowertools } from '../lib/powertools.ts';

const env = readEnvironment('account-user-removal');
const tools = createPowertools('account-user-removal');
const cognito = tools.tracer.captureAWSv3Client(new CognitoIdentityProviderClient({}));

/** DynamoDB Streams handler (the account-jobs table). */
export const handler = erasureStreamHandler(tools, {
  jobs: dynamoDbDeletionJobs(
    tools.tracer.captureAWSv3Client(new DynamoDBClient({})),
    env.ACCOUNT_JOBS_TABLE,
    positiveInteger('TOMBSTONE_TTL_SECONDS', env.TOMBSTONE_TTL_SECONDS),
  ),
  steps: ERASURE_STEPS,
  // The final sweep is the erasure worker's (it has S3); this one never runs it.
  finalSweep: eraseObjects,
  worker: 'account-user-removal',
  resources: { cognito: cognitoUsers(cognito, env.USER_POOL_ID) },
  finalSweepDelaySeconds: positiveInteger('FINAL_SWEEP_DELAY_SECONDS', env.FINAL_SWEEP_DELAY_SECONDS),
  now: () => new Date(),
});
