// The account reconciler, run on a schedule (EventBridge, every 5 minutes; locally by the stack's
// scheduler or `npm run schedules`). Two jobs (README "Leaving ProLynk"):
// 1. nudge erasures that stalled or whose final sweep is due, so the worker finishes them;
// 2. compare the next pages of users rows with the user pool and write a tombstone for every
//    account whose Cognito user no longer exists — deletion outside the API is erased the same way.
// The scheduled event's `time` is the run's clock (it is when EventBridge meant the run to happen).
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { cognitoUsers } from '../lib/cognitoUsers.ts';
import { dynamoDbDeletionJobs } from '../lib/deletionJobs.ts';
import { positiveInteger, readEnvironment } from '../lib/environment.ts';
import { createPowertools, withPowertools } from '../lib/powertools.ts';
import { findOrphanedAccounts } from './findOrphanedAccounts.ts';
import type { OrphanSearchResult } from './findOrphanedAccounts.ts';
import { nudgeStalledErasures } from './nudgeStalledErasures.ts';
import { scanUsersCursor } from './usersPages.ts';

const env = readEnvironment('account-reconciler');
const tools = createPowertools('account-reconciler');
const { logger, tracer } = tools;
const dynamodb = tracer.captureAWSv3Client(new DynamoDBClient({}));
const tables = { users: env.USERS_TABLE, profiles: env.PROFILES_TABLE, accountJobs: env.ACCOUNT_JOBS_TABLE };
const jobs = dynamoDbDeletionJobs(
  dynamodb,
  tables.accountJobs,
  positiveInteger('TOMBSTONE_TTL_SECONDS', env.TOMBSTONE_TTL_SECONDS),
);
const cognito = cognitoUsers(tracer.captureAWSv3Client(new CognitoIdentityProviderClient({})), env.USER_POOL_ID);
const PAGE_SIZE = 100;
const MAX_PAGES_PER_RUN = 10;
const MAX_ORPHANS_PER_RUN = 25;
// The function may run 4 minutes; pages stop being read after 3.
const TIME_BUDGET_MS = 3 * 60 * 1000;

/** What one run did. */
export interface ReconcileSummary {
  nudged: string[];
  orphans: OrphanSearchResult;
}

/** EventBridge scheduled-event handler. */
export const handler = withPowertools(tools, async (event: { time?: unknown } | null): Promise<ReconcileSummary> => {
  const started = Date.now();
  const scheduled = typeof event?.time === 'string' ? new Date(event.time) : new Date(Number.NaN);
  const now = Number.isNaN(scheduled.getTime()) ? new Date() : scheduled;
  const nudged = await nudgeStalledErasures(jobs, now);
  const orphans = await findOrphanedAccounts({
    cursor: scanUsersCursor(dynamodb, tables, PAGE_SIZE),
    cognito,
    jobs,
    profilesTable: tables.profiles,
    now,
    maxPages: MAX_PAGES_PER_RUN,
    maxOrphans: MAX_ORPHANS_PER_RUN,
    keepGoing: () => Date.now() - started < TIME_BUDGET_MS,
  });
  if (orphans.stoppedForTooManyOrphans) {
    logger.error('too many users rows without a Cognito user in one run; is USER_POOL_ID right?', {
      operation: 'reconcile',
      orphaned: orphans.orphaned.length,
    });
  }
  logger.info('reconciled', {
    operation: 'reconcile',
    nudged: nudged.length,
    checked: orphans.checked,
    orphaned: orphans.orphaned,
    passComplete: orphans.passComplete,
    durationMs: Date.now() - started,
  });
  return { nudged, orphans };
});
