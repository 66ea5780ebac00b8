// The reconciler against cognito-local and DynamoDB Local (private tables: the stack's shared users
// table holds rows of test users that exist in no pool). Accounts deleted in Cognito by an admin
// get a tombstone and lose their public profile in the same write; live and brand-new accounts
// are left alone; the walk resumes across runs; seed-era profiles no users row covers are walked
// too; stalled erasures are nudged. Then the bundled handler as EventBridge invokes it.
import { randomUUID } from 'node:crypto';
import { AdminDeleteUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findOrphanedAccounts } from '../../../functions/account-reconciler/findOrphanedAccounts.ts';
import { nudgeStalledErasures } from '../../../functions/account-reconciler/nudgeStalledErasures.ts';
import { scanUncoveredProfilesCursor, scanUsersCursor } from '../../../functions/account-reconciler/usersPages.ts';
import { cognitoUsers } from '../../../functions/lib/cognitoUsers.ts';
import { dynamoDbDeletionJobs } from '../../../functions/lib/deletionJobs.ts';
import { createLambdaRunner, localDynamoDbClient } from '../../../local/index.ts';
import { cognitoClient, signUpUser } from '../../support/tokens.ts';
import { createAccountTables } from './accountTables.ts';
import { bundledFunction, LOCAL_AWS_ENV } from './bundledFunction.ts';

const stack = inject('localStack');
const dynamodb = localDynamoDbClient(stack.dynamoDbEndpoint);
const cognito = cognitoClient(stack);
const LONG_AGO = '2020-01-01T00:00:00.000Z';

async function put(table: string, item: Record<string, unknown>) {
  await dynamodb.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
}
async function get(table: string, key: Record<string, string>) {
  const out = await dynamodb.send(new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }));
  return out.Item ? unmarshall(out.Item) : null;
}

/** A users row and profile for a real Cognito user; `deleted` removes the user as an admin would. */
async function account(
  tables: { users: string; profiles: string },
  options: { deleted?: boolean; createdAt?: string },
) {
  const user = await signUpUser(stack);
  const username = `rc${randomUUID().slice(0, 8)}`;
  await put(tables.users, { user_id: user.sub, username, created_at: options.createdAt ?? LONG_AGO });
  await put(tables.profiles, { username, user_id: user.sub });
  if (options.deleted) {
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: stack.userPoolId, Username: user.email }));
  }
  return { sub: user.sub, username };
}

/** A seed-era profile (stored as typed, no users row) of a real Cognito user; `deleted` removes the user. */
async function uncoveredProfile(tables: { profiles: string }, options: { deleted?: boolean }) {
  const user = await signUpUser(stack);
  const username = `Seed.${randomUUID().slice(0, 8)}`;
  await put(tables.profiles, { username, user_id: user.sub, full_name: 'Seed Era' });
  if (options.deleted) {
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: stack.userPoolId, Username: user.email }));
  }
  return { sub: user.sub, username };
}

describe('finding accounts deleted outside the API', () => {
  let tables: Awaited<ReturnType<typeof createAccountTables>>;
  beforeAll(async () => {
    tables = await createAccountTables(dynamodb);
  });
  afterAll(async () => {
    await tables?.drop();
  });

  it('tombstones the accounts whose Cognito user is gone, taking their profile offline, across runs of one page', async () => {
    const alive = await account(tables, {});
    const gone = await account(tables, { deleted: true });
    const young = await account(tables, { deleted: true, createdAt: new Date().toISOString() });
    await put(tables.users, { user_id: randomUUID() }); // a seed-era row: no name, no creation time, no user
    const jobs = dynamoDbDeletionJobs(dynamodb, tables.accountJobs, 3600);
    const run = () =>
      findOrphanedAccounts({
        cursor: scanUsersCursor(dynamodb, tables, 1),
        cognito: cognitoUsers(cognito, stack.userPoolId),
        jobs,
        profilesTable: tables.profiles,
        now: new Date(),
        maxPages: 1,
        maxOrphans: 10,
        keepGoing: () => true,
      });

    const results = [];
    for (let i = 0; i < 6 && !results.at(-1)?.passComplete; i++) results.push(await run());

    // One page of one row per run: four rows (DynamoDB may need one more, empty page to say it is done).
    expect(results.length).toBeGreaterThanOrEqual(4);
    expect(results.map((r) => r.passComplete)).toEqual([...results.slice(1).map(() => false), true]);
    const orphaned = results.flatMap((r) => r.orphaned);
    expect(orphaned).toHaveLength(2);
    expect(orphaned).toContain(gone.sub);
    expect(await jobs.get(gone.sub)).toMatchObject({ status: 'PENDING', requestedBy: 'reconciliation' });
    expect(await get(tables.profiles, { username: gone.username })).toBeNull();
    for (const kept of [alive, young]) {
      expect(await jobs.get(kept.sub)).toBeNull();
      expect(await get(tables.profiles, { username: kept.username })).not.toBeNull();
    }
    // The pass is over: the saved position is gone and the next run starts from the top.
    expect(await get(tables.accountJobs, { user_id: '#reconciler', job: 'users-cursor' })).toBeNull();
  });

  it('walks the profiles no users row covers, tombstoning those whose owner is gone, and skips covered ones', async () => {
    const alive = await uncoveredProfile(tables, {});
    const gone = await uncoveredProfile(tables, { deleted: true });
    // Covered by a users row: the users walk's business, so this walk leaves it alone even though it is gone.
    const covered = await account(tables, { deleted: true });
    const jobs = dynamoDbDeletionJobs(dynamodb, tables.accountJobs, 3600);
    const cursor = scanUncoveredProfilesCursor(dynamodb, tables, 2);
    const run = () =>
      findOrphanedAccounts({
        cursor,
        cognito: cognitoUsers(cognito, stack.userPoolId),
        jobs,
        profilesTable: tables.profiles,
        now: new Date(),
        maxPages: 1,
        maxOrphans: 10,
        keepGoing: () => true,
      });

    const results = [];
    for (let i = 0; i < 10 && !results.at(-1)?.passComplete; i++) results.push(await run());

    expect(results.at(-1)?.passComplete).toBe(true);
    expect(results.flatMap((r) => r.orphaned)).toEqual([gone.sub]);
    expect(await jobs.get(gone.sub)).toMatchObject({ status: 'PENDING', requestedBy: 'reconciliation' });
    expect(await get(tables.profiles, { username: gone.username })).toBeNull();
    expect(await get(tables.profiles, { username: alive.username })).not.toBeNull();
    expect(await jobs.get(alive.sub)).toBeNull();
    expect(await jobs.get(covered.sub)).toBeNull();
    expect(await get(tables.profiles, { username: covered.username })).not.toBeNull();
    expect(await get(tables.accountJobs, { user_id: '#reconciler', job: 'profiles-cursor' })).toBeNull();
  });

  it('nudges a stalled erasure and a due final sweep, and nothing else', async () => {
    const jobs = dynamoDbDeletionJobs(dynamodb, tables.accountJobs, 3600);
    const now = new Date();
    const stalled: string = randomUUID();
    const fresh: string = randomUUID();
    const due: string = randomUUID();
    await put(tables.accountJobs, {
      user_id: stalled,
      job: 'deletion',
      status: 'PENDING',
      requested_at: LONG_AGO,
      updated_at: LONG_AGO,
    });
    await put(tables.accountJobs, {
      user_id: fresh,
      job: 'deletion',
      status: 'PENDING',
      requested_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await put(tables.accountJobs, {
      user_id: due,
      job: 'deletion',
      status: 'AWAITING_FINAL_SWEEP',
      requested_at: LONG_AGO,
      updated_at: LONG_AGO,
      final_sweep_after: Math.floor(now.getTime() / 1000) - 1,
    });

    const nudged = await nudgeStalledErasures(jobs, now);

    expect(nudged.filter((id) => [stalled, fresh, due].includes(id)).sort()).toEqual([stalled, due].sort());
    expect(await get(tables.accountJobs, { user_id: stalled, job: 'deletion' })).toMatchObject({
      nudged_at: now.toISOString(),
    });
    expect(await get(tables.accountJobs, { user_id: fresh, job: 'deletion' })).not.toHaveProperty('nudged_at');
  });
});

describe('the bundled reconciler', () => {
  it('runs as EventBridge invokes it, with the scheduled time as its clock', async () => {
    const tables = await createAccountTables(dynamodb);
    const runner = createLambdaRunner(
      [
        bundledFunction('ReconcilerFunction', 'account-reconciler', {
          ...LOCAL_AWS_ENV,
          AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbEndpoint,
          AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: stack.cognitoEndpoint,
          USER_POOL_ID: stack.userPoolId,
          USERS_TABLE: tables.users,
          PROFILES_TABLE: tables.profiles,
          LINKS_TABLE: tables.links,
          ACCOUNT_JOBS_TABLE: tables.accountJobs,
          TOMBSTONE_TTL_SECONDS: '3600',
        }),
      ],
      { logs: 'ignore' },
    );
    try {
      // Just created: inside the grace period now, old enough an hour later.
      const gone = await account(tables, { deleted: true, createdAt: new Date().toISOString() });
      // Seed-era: no creation time, so old enough at once.
      const seedEra = await uncoveredProfile(tables, { deleted: true });
      const event = (time: Date) => ({
        version: '0',
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        time: `${time.toISOString().slice(0, 19)}Z`,
        detail: {},
      });

      const now = await runner.invoke('ReconcilerFunction', event(new Date()));
      const later = await runner.invoke('ReconcilerFunction', event(new Date(Date.now() + 3600_000)));

      expect(now.error).toBeUndefined();
      expect(now.payload).toMatchObject({
        orphans: { checked: 0, orphaned: [], passComplete: true },
        uncoveredProfiles: { checked: 1, orphaned: [seedEra.sub], passComplete: true },
      });
      expect(later.payload).toMatchObject({
        orphans: { checked: 1, orphaned: [gone.sub], passComplete: true },
        uncoveredProfiles: { checked: 0, orphaned: [], passComplete: true },
      });
      expect(await get(tables.profiles, { username: seedEra.username })).toBeNull();
      expect(await get(tables.profiles, { username: gone.username })).toBeNull();
      expect(await get(tables.accountJobs, { user_id: gone.sub, job: 'deletion' })).toMatchObject({
        status: 'PENDING',
        requested_by: 'reconciliation',
      });
    } finally {
      await runner.close();
      await tables.drop();
    }
  });
});
