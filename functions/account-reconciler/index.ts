// The account reconciler, run on a schedule (EventBridge, every 5 minutes; locally by the stack's
// scheduler or `npm run schedules`). Two jobs (README "Leaving ProLynk"):
// 1. nudge erasures that stalled or whose final sweep is due, so the worker finishes them;
// 2. compare the next pages of users rows with the user pool and write a tombstone for every
//    account whose Cognito user no longer exists — deletion outside the API is erased the same way;
// 3. the same for profiles no users row covers (seed-era owners who have not signed in since).
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
import { scanUncoveredProfilesCursor, scanUsersCursor } from './usersPages.ts';

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
const usersCursor = scanUsersCursor(dynamodb, tables, PAGE_SIZE);
const profilesCursor = scanUncoveredProfilesCursor(dynamodb, tables, PAGE_SIZE);
const MAX_PAGES_PER_RUN = 10;
const MAX_ORPHANS_PER_RUN = 25;
// The function may run 4 minutes; pages stop being read after 3.
const TIME_BUDGET_MS = 3 * 60 * 1000;

/** What one run did. */
export interface ReconcileSummary {
  nudged: string[];
  orphans: OrphanSearchResult;
  /** The walk of profiles no users row covers; it runs once the users walk has not stopped for too many orphans. */
  uncoveredProfiles: OrphanSearchResult | null;
}

/** EventBridge scheduled-event handler. */
export const handler = withPowertools(tools, async (event: { time?: unknown } | null): Promise<ReconcileSummary> => {
  const started = Date.now();
  const scheduled = typeof event?.time === 'string' ? new Date(event.time) : new Date(Number.NaN);
  const now = Number.isNaN(scheduled.getTime()) ? new Date() : scheduled;
  const nudged = await nudgeStalledErasures(jobs, now);
  const search = (cursor: typeof usersCursor, maxOrphans: number) =>
    findOrphanedAccounts({
      cursor,
      cognito,
      jobs,
      profilesTable: tables.profiles,
      now,
      // Half the pages each: both walks advance every run.
      maxPages: MAX_PAGES_PER_RUN / 2,
      maxOrphans,
      keepGoing: () => Date.now() - started < TIME_BUDGET_MS,
    });
  const orphans = await search(usersCursor, MAX_ORPHANS_PER_RUN);
  const uncoveredProfiles = orphans.stoppedForTooManyOrphans
    ? null
    : await search(profilesCursor, MAX_ORPHANS_PER_RUN - orphans.orphaned.length);
  if (orphans.stoppedForTooManyOrphans || uncoveredProfiles?.stoppedForTooManyOrphans) {
    logger.error('too many accounts without a Cognito user in one run; is USER_POOL_ID right?', {
      operation: 'reconcile',
      orphaned: orphans.orphaned.length + (uncoveredProfiles?.orphaned.length ?? 0),
    });
  }
  logger.info('reconciled', {
    operation: 'reconcile',
    nudged: nudged.length,
    checked: orphans.checked,
    orphaned: orphans.orphaned,
    passComplete: orphans.passComplete,
    uncoveredProfilesChecked: uncoveredProfiles?.checked ?? 0,
    uncoveredProfilesOrphaned: uncoveredProfiles?.orphaned ?? [],
    durationMs: Date.now() - started,
  });
  return { nudged, orphans, uncoveredProfiles };
});
