// The erasure against the real local services: DynamoDB Local (private copies of the account
// tables, so the stack's own worker stays out of it; the stack's stats table, keyed by random subs),
// s3rver (the stack's bucket) and cognito-local (real users). A crash is injected at every step — before it runs and after it ran but before it
// was recorded — and a retry must finish the job with nothing left, while the profile stays offline
// throughout. Then the bundled worker on a private stream, as Lambda runs it.
import { randomUUID } from 'node:crypto';
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dynamoDbAccountRows } from '../../../functions/account-erasure/accountRows.ts';
import { eraseAccount } from '../../../functions/account-erasure/eraseAccount.ts';
import type { EraseAccountDependencies } from '../../../functions/account-erasure/eraseAccount.ts';
import type { ErasureStep } from '../../../functions/account-erasure/erasureSteps.ts';
import { ERASURE_STEPS, eraseObjects } from '../../../functions/account-erasure/erasureSteps.ts';
import { s3ErasePrefix } from '../../../functions/account-erasure/objectVersions.ts';
import { cognitoUsers } from '../../../functions/lib/cognitoUsers.ts';
import { eraseAccountStats } from '../../../functions/stats/eraseStats.ts';
import { dynamoDbDeletionJobs } from '../../../functions/lib/deletionJobs.ts';
import {
  createLambdaRunner,
  localDynamoDbClient,
  localStreamArns,
  localStreamsClient,
  startStreamPollers,
} from '../../../local/index.ts';
import type { LambdaRunner, StreamPollers } from '../../../local/index.ts';
import { cognitoClient, signUpUser } from '../../support/tokens.ts';
import { createAccountTables } from './accountTables.ts';
import { bundledFunction, LOCAL_AWS_ENV } from './bundledFunction.ts';

const stack = inject('localStack');
const dynamodb = localDynamoDbClient(stack.dynamoDbEndpoint);
const s3 = new S3Client({
  endpoint: stack.s3Endpoint,
  forcePathStyle: true,
  region: stack.region,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  requestChecksumCalculation: 'WHEN_REQUIRED',
});
const cognito = cognitoClient(stack);
const SWEEP_DELAY = 600;
// The template's stats table (project "prolynk"), created by the global setup's local stack.
const STATS_TABLE = 'prolynk-stats';
const counterKey = (sub: string) => ({ pk: `user#${sub}#7`, sk: 'day#2030-01-01#views' });
// As the stats store writes counters: with their TTL (400 days after the day).
const COUNTER_EXPIRES = Math.floor(Date.UTC(2031, 1, 5) / 1000);

let tables: Awaited<ReturnType<typeof createAccountTables>>;
beforeAll(async () => {
  tables = await createAccountTables(dynamodb);
});
afterAll(async () => {
  await tables?.drop();
});

async function put(table: string, item: Record<string, unknown>) {
  await dynamodb.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
}
async function get(table: string, key: Record<string, string>) {
  const out = await dynamodb.send(new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }));
  return out.Item ? unmarshall(out.Item) : null;
}
async function keysUnder(prefix: string): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: stack.bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((object) => object.Key as string);
}
async function upload(key: string) {
  await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: 'bytes', ContentType: 'image/png' }));
}

/** A real Cognito user with every kind of row and object ProLynk stores for an account. */
async function seedAccount() {
  const user = await signUpUser(stack);
  const sub = user.sub;
  const username = `er${randomUUID().slice(0, 8)}`;
  const now = new Date().toISOString();
  await put(tables.users, { user_id: sub, username, email: user.email, link_count: 1, created_at: now });
  await put(tables.profiles, { username, user_id: sub, full_name: 'Eraser', date_of_birth: '1990-01-01' });
  await put(tables.links, { user_id: sub, link_id: 'live', title: 'Live', url: 'https://a.example' });
  await put(tables.links, { user_id: sub, link_id: 'gone', title: 'Gone', is_deleted: true });
  await put(tables.accountJobs, { user_id: sub, job: 'export', last_export_epoch: 1 });
  await put(STATS_TABLE, { ...counterKey(sub), count: 5, expires_at: COUNTER_EXPIRES });
  for (const key of [`users/${sub}/profile/a.png`, `users/${sub}/resume/b.pdf`, `exports/${sub}/x.json`])
    await upload(key);
  return { sub, username, email: user.email };
}

/** Another account whose rows and objects must survive every erasure. */
async function seedBystander() {
  const sub = randomUUID();
  await put(tables.users, { user_id: sub, username: `by${sub.slice(0, 6)}` });
  await put(tables.links, { user_id: sub, link_id: 'keep', title: 'Keep' });
  await put(STATS_TABLE, { ...counterKey(sub), count: 1, expires_at: COUNTER_EXPIRES });
  await upload(`users/${sub}/profile/keep.png`);
  return sub;
}

function deps(overrides: Partial<EraseAccountDependencies> = {}): EraseAccountDependencies {
  return {
    jobs: dynamoDbDeletionJobs(dynamodb, tables.accountJobs, 3600),
    steps: ERASURE_STEPS,
    finalSweep: eraseObjects,
    resources: {
      rows: dynamoDbAccountRows(dynamodb, tables),
      erasePrefix: s3ErasePrefix(s3, stack.bucket),
      cognito: cognitoUsers(cognito, stack.userPoolId),
      eraseStats: (userId) => eraseAccountStats(dynamodb, userId, { table: STATS_TABLE }),
    },
    finalSweepDelaySeconds: SWEEP_DELAY,
    now: () => new Date(),
    ...overrides,
  };
}

async function expectErased(account: { sub: string; username: string; email: string }) {
  expect(await get(tables.users, { user_id: account.sub })).toBeNull();
  expect(await get(tables.profiles, { username: account.username })).toBeNull();
  expect(await get(tables.links, { user_id: account.sub, link_id: 'live' })).toBeNull();
  expect(await get(tables.links, { user_id: account.sub, link_id: 'gone' })).toBeNull();
  expect(await get(tables.accountJobs, { user_id: account.sub, job: 'export' })).toBeNull();
  expect(await get(STATS_TABLE, counterKey(account.sub))).toBeNull();
  expect(await keysUnder(`users/${account.sub}/`)).toEqual([]);
  expect(await keysUnder(`exports/${account.sub}/`)).toEqual([]);
  await expect(
    cognito.send(new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: account.email })),
  ).rejects.toMatchObject({ name: 'UserNotFoundException' });
}

async function expectUntouched(bystander: string) {
  expect(await get(tables.users, { user_id: bystander })).not.toBeNull();
  expect(await get(tables.links, { user_id: bystander, link_id: 'keep' })).not.toBeNull();
  expect(await get(STATS_TABLE, counterKey(bystander))).not.toBeNull();
  expect(await keysUnder(`users/${bystander}/`)).toEqual([`users/${bystander}/profile/keep.png`]);
}

/** The steps with a crash at step `at`: before it runs, or after it ran but before it was recorded. */
function crashingAt(at: number, when: 'before' | 'after'): ErasureStep[] {
  return ERASURE_STEPS.map((step, i) =>
    i !== at
      ? step
      : {
          ...step,
          async run(userId, resources) {
            if (when === 'after') await step.run(userId, resources);
            throw new Error(`crash ${when} ${step.name}`);
          },
        },
  );
}

describe('erasure with a crash at every step', () => {
  const cases = ERASURE_STEPS.flatMap((step, at) =>
    (['before', 'after'] as const).map((when) => ({ at, when, name: step.name })),
  );

  it.each(cases)('crash $when $name, then a retry, erases everything', async ({ at, when }) => {
    const account = await seedAccount();
    const bystander = await seedBystander();
    const requested = new Date();
    // What deleteAccount (or the reconciler) writes: the tombstone and the profile's removal, atomically.
    expect(
      await deps().jobs.create(account.sub, 'owner', requested, { table: tables.profiles, username: account.username }),
    ).toBe(true);
    expect(await get(tables.profiles, { username: account.username })).toBeNull();

    await expect(eraseAccount(account.sub, deps({ steps: crashingAt(at, when) }))).rejects.toThrow(/^crash/);

    const stalled = await deps().jobs.get(account.sub);
    expect(stalled?.status).toBe('PENDING');
    expect(stalled?.stepsDone.sort()).toEqual(
      ERASURE_STEPS.slice(0, at)
        .map((step) => step.name)
        .sort(),
    );
    expect(await get(tables.profiles, { username: account.username })).toBeNull();

    expect(await eraseAccount(account.sub, deps())).toBe('awaiting-final-sweep');
    const due = new Date(requested.getTime() + SWEEP_DELAY * 1000);
    expect(await eraseAccount(account.sub, deps({ now: () => due }))).toBe('complete');

    await expectErased(account);
    await expectUntouched(bystander);
    const job = await deps().jobs.get(account.sub);
    expect(job?.status).toBe('COMPLETE');
    expect(job?.stepsDone.sort()).toEqual(ERASURE_STEPS.map((step) => step.name).sort());
  });

  it('sweeps an upload that lands after the erasure (a presigned URL handed out before it) once the sweep is due', async () => {
    const account = await seedAccount();
    const requested = new Date();
    await deps().jobs.create(account.sub, 'owner', requested, { table: tables.profiles, username: account.username });
    expect(await eraseAccount(account.sub, deps())).toBe('awaiting-final-sweep');

    await upload(`users/${account.sub}/profile/late.png`);
    const almost = new Date(requested.getTime() + (SWEEP_DELAY - 1) * 1000);
    expect(await eraseAccount(account.sub, deps({ now: () => almost }))).toBe('awaiting-final-sweep');
    expect(await keysUnder(`users/${account.sub}/`)).toEqual([`users/${account.sub}/profile/late.png`]);

    const due = new Date(requested.getTime() + SWEEP_DELAY * 1000);
    expect(await eraseAccount(account.sub, deps({ now: () => due }))).toBe('complete');
    expect(await keysUnder(`users/${account.sub}/`)).toEqual([]);
  });

  it('leaves a freed name alone once someone else has claimed it', async () => {
    const account = await seedAccount();
    await deps().jobs.create(account.sub, 'owner', new Date());
    // The name was freed and claimed while the erasure waited; the users row still names it.
    await put(tables.profiles, { username: account.username, user_id: 'someone-else' });

    await eraseAccount(account.sub, deps());

    expect(await get(tables.profiles, { username: account.username })).toMatchObject({ user_id: 'someone-else' });
  });
});

describe('the bundled worker on the account-jobs stream', () => {
  let streamed: Awaited<ReturnType<typeof createAccountTables>>;
  let runner: LambdaRunner;
  let pollers: StreamPollers;
  const streamsClient = localStreamsClient(stack.dynamoDbEndpoint);

  beforeAll(async () => {
    streamed = await createAccountTables(dynamodb, { jobsStream: true });
    const shared = {
      ...LOCAL_AWS_ENV,
      AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbEndpoint,
      ACCOUNT_JOBS_TABLE: streamed.accountJobs,
      TOMBSTONE_TTL_SECONDS: '3600',
      FINAL_SWEEP_DELAY_SECONDS: '600',
    };
    runner = createLambdaRunner(
      [
        bundledFunction('ErasureFunction', 'account-erasure', {
          ...shared,
          S3_ENDPOINT: stack.s3Endpoint,
          S3_BUCKET: stack.bucket,
          USERS_TABLE: streamed.users,
          PROFILES_TABLE: streamed.profiles,
          LINKS_TABLE: streamed.links,
          STATS_TABLE,
        }),
        bundledFunction('UserRemovalFunction', 'account-user-removal', {
          ...shared,
          AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: stack.cognitoEndpoint,
          USER_POOL_ID: stack.userPoolId,
        }),
      ],
      { logs: 'ignore' },
    );
    const arns = await localStreamArns(dynamodb, {
      Resources: {
        Jobs: {
          Type: 'AWS::DynamoDB::Table',
          Properties: { TableName: streamed.accountJobs, StreamSpecification: { StreamViewType: 'KEYS_ONLY' } },
        },
      },
    });
    const mapping = (functionName: string) => ({
      logicalId: 'Jobs',
      functionName,
      streamArn: arns['Jobs.StreamArn'],
      batchSize: 10,
      maximumBatchingWindowSeconds: 0,
      startingPosition: 'TRIM_HORIZON' as const,
      maximumRetryAttempts: 10,
      bisectBatchOnFunctionError: true,
      reportBatchItemFailures: true,
      enabled: true,
    });
    pollers = startStreamPollers({
      // Both workers read the same stream, as the stack maps them (cdk/constructs/accountJobs.ts).
      mappings: [mapping('ErasureFunction'), mapping('UserRemovalFunction')],
      streamsClient,
      pollIntervalMs: 50,
      log: () => undefined,
      invoke: (fn, event) => runner.invoke(fn, event),
    });
    await pollers.ready;
  }, 60_000);

  afterAll(async () => {
    await pollers?.stop();
    await runner?.close();
    streamsClient.destroy();
    await streamed?.drop();
  });

  it('erases an account once its tombstone is written, and stops at the final sweep', async () => {
    const user = await signUpUser(stack);
    const username = `bw${randomUUID().slice(0, 8)}`;
    await dynamodb.send(
      new PutItemCommand({ TableName: streamed.users, Item: marshall({ user_id: user.sub, username }) }),
    );
    await dynamodb.send(
      new PutItemCommand({ TableName: streamed.profiles, Item: marshall({ username, user_id: user.sub }) }),
    );
    await dynamodb.send(
      new PutItemCommand({ TableName: streamed.links, Item: marshall({ user_id: user.sub, link_id: 'l' }) }),
    );
    await upload(`users/${user.sub}/projects/p.png`);
    const jobs = dynamoDbDeletionJobs(dynamodb, streamed.accountJobs, 3600);

    await jobs.create(user.sub, 'owner', new Date());
    const deadline = Date.now() + 20_000;
    while ((await jobs.get(user.sub))?.status === 'PENDING' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    expect((await jobs.get(user.sub))?.status).toBe('AWAITING_FINAL_SWEEP');
    for (const [table, key] of [
      [streamed.users, { user_id: user.sub }],
      [streamed.profiles, { username }],
      [streamed.links, { user_id: user.sub, link_id: 'l' }],
    ] as const) {
      const out = await dynamodb.send(
        new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }),
      );
      expect(out.Item).toBeUndefined();
    }
    expect(await keysUnder(`users/${user.sub}/`)).toEqual([]);
    await expect(
      cognito.send(new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: user.email })),
    ).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });
});
