// Leaving ProLynk on the running stack, over real sockets with real Cognito tokens: deleteAccount
// takes the profile offline at once (GraphQL null, REST 404, a DELETED event to subscribers), the
// erasure worker — run by the account-jobs stream in the local Lambda runtime — removes every row,
// every object and the Cognito user, and the deleted user's ID and access tokens are refused on
// every mutation over GraphQL and REST. Saves racing the deletion leave nothing behind; an account
// an admin deletes in Cognito is erased the same way; bad callers delete nothing.
import { randomUUID } from 'node:crypto';
import { AdminDeleteUserCommand, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { dynamoDbAccountRows } from '../../../functions/account-erasure/accountRows.ts';
import { eraseAccount } from '../../../functions/account-erasure/eraseAccount.ts';
import { ERASURE_STEPS, eraseObjects } from '../../../functions/account-erasure/erasureSteps.ts';
import { s3ErasePrefix } from '../../../functions/account-erasure/objectVersions.ts';
import { findOrphanedAccounts } from '../../../functions/account-reconciler/findOrphanedAccounts.ts';
import { cognitoUsers } from '../../../functions/lib/cognitoUsers.ts';
import { dynamoDbDeletionJobs } from '../../../functions/lib/deletionJobs.ts';
import { localDynamoDbClient } from '../../../local/index.ts';
import { graphqlClient } from '../../support/graphqlClient.ts';
import { subscribeToProfile } from '../../support/profileSubscriber.ts';
import { restClient } from '../../support/restClient.ts';
import { cognitoClient, signUpUser } from '../../support/tokens.ts';
import type { TestUser } from '../../support/tokens.ts';

const stack = inject('localStack');
const gql = graphqlClient(stack.graphqlUrl);
const dynamodb = localDynamoDbClient(stack.dynamoDbEndpoint);
const cognito = cognitoClient(stack);
const s3 = new S3Client({
  endpoint: stack.s3Endpoint,
  forcePathStyle: true,
  region: stack.region,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const TABLES = {
  users: 'prolynk-users',
  profiles: 'prolynk-profiles',
  links: 'prolynk-links',
  accountJobs: 'prolynk-account-jobs',
};

const SAVE_PROFILE = 'mutation S($input: ProfileInput!) { saveProfile(input: $input) { username } }';
const SAVE_LINK = 'mutation L($input: LinkInput!) { saveLink(input: $input) { linkId } }';
const DELETE_LINK = 'mutation D($id: ID!) { deleteLink(linkId: $id) { linkId } }';
const CREATE_UPLOAD = 'mutation U($input: CreateUploadUrlInput!) { createUploadUrl(input: $input) { uploadUrl key } }';
const DELETE_ACCOUNT =
  'mutation X($input: DeleteAccountInput!) { deleteAccount(input: $input) { status requestedAt } }';
const EXPORT = 'mutation E { exportAccount { url expiresAt } }';
const PUBLIC_PROFILE = 'query P($u: String!) { profile(username: $u) { username } }';

const as = (token: string, query: string, variables: Record<string, unknown> = {}) =>
  gql.post(query, variables, { authorization: token });

const rest = restClient(stack.restUrl as string);

/** A signed-up user with a claimed name, two links and two uploads. */
async function member(): Promise<TestUser & { username: string; linkId: string }> {
  const user = await signUpUser(stack);
  const username = `lv${randomUUID().slice(0, 8)}`;
  expect(
    (await as(user.accessToken, SAVE_PROFILE, { input: { username, fullName: 'Leaving Ada' } })).body.errors,
  ).toBeUndefined();
  const link = await as(user.accessToken, SAVE_LINK, { input: { title: 'Blog', url: 'https://blog.example' } });
  await as(user.accessToken, SAVE_LINK, { input: { title: 'Site', url: 'https://site.example' } });
  await upload(user.accessToken);
  await upload(user.accessToken);
  return { ...user, username, linkId: link.body.data.saveLink.linkId };
}

async function upload(token: string): Promise<Response> {
  const res = await as(token, CREATE_UPLOAD, {
    input: { fileType: 'profile_image', contentType: 'image/png', contentLength: 4 },
  });
  const target = res.body.data?.createUploadUrl;
  if (!target) throw new Error(JSON.stringify(res.body));
  return fetch(target.uploadUrl, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: 'png!' });
}

async function item(table: string, key: Record<string, string>) {
  const out = await dynamodb.send(new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }));
  return out.Item ? unmarshall(out.Item) : null;
}
async function linkRows(sub: string) {
  const out = await dynamodb.send(
    new QueryCommand({
      TableName: TABLES.links,
      KeyConditionExpression: 'user_id = :u',
      ExpressionAttributeValues: marshall({ ':u': sub }),
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}
async function keysUnder(prefix: string) {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: stack.bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((object) => object.Key);
}

/** Waits until the stack's worker has done every step (only the final sweep left). */
async function erasureDone(sub: string) {
  await expect
    .poll(async () => (await item(TABLES.accountJobs, { user_id: sub, job: 'deletion' }))?.status, {
      timeout: 20_000,
      interval: 100,
    })
    .toMatch(/^(AWAITING_FINAL_SWEEP|COMPLETE)$/);
}

async function expectNothingLeft(user: TestUser & { username: string }) {
  expect(await item(TABLES.users, { user_id: user.sub })).toBeNull();
  expect(await item(TABLES.profiles, { username: user.username })).toBeNull();
  expect(await linkRows(user.sub)).toEqual([]);
  expect(await keysUnder(`users/${user.sub}/`)).toEqual([]);
  await expect(
    cognito.send(new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: user.email })),
  ).rejects.toMatchObject({ name: 'UserNotFoundException' });
}

describe('deleting an account', () => {
  it('takes the profile offline for everyone at once, then erases rows, uploads and the Cognito user', async () => {
    const user = await member();
    expect(await keysUnder(`users/${user.sub}/`)).toHaveLength(2);
    const subscriber = await subscribeToProfile(stack, user.username);

    const deleted = await as(user.idToken, DELETE_ACCOUNT, { input: { username: user.username.toUpperCase() } });

    expect(deleted.body).toEqual({ data: { deleteAccount: { status: 'PENDING', requestedAt: expect.any(String) } } });
    expect((await gql.post(PUBLIC_PROFILE, { u: user.username }, { 'x-api-key': stack.apiKey })).body).toEqual({
      data: { profile: null },
    });
    expect((await rest('GET', `/profiles/${user.username}`)).status).toBe(404);
    await expect
      .poll(() => subscriber.events.find((e) => e.kind === 'DELETED'), { timeout: 15_000, interval: 100 })
      .toEqual({
        username: user.username,
        kind: 'DELETED',
        renamedTo: null,
        profile: null,
        occurredAt: expect.any(String),
      });
    subscriber.close();

    await erasureDone(user.sub);
    await expectNothingLeft(user);
  });

  it("refuses the deleted user's ID and access tokens on every mutation, over GraphQL and REST", async () => {
    const user = await member();
    await as(user.accessToken, DELETE_ACCOUNT, { input: { username: user.username } });
    await erasureDone(user.sub);

    for (const token of [user.idToken, user.accessToken]) {
      for (const [query, variables] of [
        [SAVE_PROFILE, { input: { username: `back${randomUUID().slice(0, 6)}` } }],
        [SAVE_LINK, { input: { title: 'Again', url: 'https://again.example' } }],
        [DELETE_LINK, { id: user.linkId }],
        [CREATE_UPLOAD, { input: { fileType: 'resume', contentType: 'application/pdf', contentLength: 10 } }],
        [EXPORT, {}],
        [DELETE_ACCOUNT, { input: { username: user.username } }],
        ['{ me { userId } myProfile { username } }', {}],
      ] as const) {
        const res = await as(token, query, variables);
        expect(res.status, query).toBe(200);
        expect(res.body.errors?.[0], query).toMatchObject({
          errorType: 'Unauthorized',
          message: 'This account has been deleted.',
        });
      }
      for (const [method, path, body] of [
        ['POST', '/profiles', { username: `back${randomUUID().slice(0, 6)}` }],
        ['POST', '/links', { title: 'Again', url: 'https://again.example' }],
        ['DELETE', `/links/${user.linkId}`, undefined],
        ['POST', '/upload-url', { file_type: 'resume', content_type: 'application/pdf', content_length: 10 }],
        ['GET', '/users/me', undefined],
        ['GET', '/users/me/export', undefined],
        ['DELETE', '/users/me', { username: user.username }],
      ] as const) {
        expect(await rest(method, path, { token, body }), `${method} ${path}`).toEqual({
          status: 401,
          body: { error: 'Unauthorized', message: 'This account has been deleted.' },
        });
      }
    }
    expect(await item(TABLES.users, { user_id: user.sub })).toBeNull();
  });

  it('frees the name for another user to claim at once', async () => {
    const user = await member();
    await as(user.accessToken, DELETE_ACCOUNT, { input: { username: user.username } });
    const newcomer = await signUpUser(stack);

    const claim = await as(newcomer.accessToken, SAVE_PROFILE, { input: { username: user.username } });

    expect(claim.body).toEqual({ data: { saveProfile: { username: user.username } } });
    await erasureDone(user.sub);
    // The erasure of the old owner leaves the new owner's profile alone.
    expect(await item(TABLES.profiles, { username: user.username })).toMatchObject({ user_id: newcomer.sub });
  });

  it('leaves no row and no object behind when the same user saves links and uploads while deleting', async () => {
    const user = await member();
    const saves = Array.from({ length: 12 }, (_, i) =>
      as(user.accessToken, SAVE_LINK, { input: { title: `Race ${i}`, url: `https://race${i}.example` } }),
    );
    const uploads = Array.from({ length: 3 }, () => upload(user.accessToken).catch(() => null));
    const deletion = as(user.accessToken, DELETE_ACCOUNT, { input: { username: user.username } });
    const settled = await Promise.all([...saves, deletion]);
    await Promise.all(uploads);

    expect(settled.at(-1)?.body.data.deleteAccount.status).toBe('PENDING');
    await erasureDone(user.sub);
    expect(await linkRows(user.sub)).toEqual([]);
    // A URL handed out just before the deletion may still write after it: the final sweep, due once
    // such URLs have expired, removes it (run here with the clock moved to when it is due).
    const jobs = dynamoDbDeletionJobs(dynamodb, TABLES.accountJobs, 3600);
    const requested = Date.parse((await jobs.get(user.sub))?.requestedAt ?? '');
    const outcome = await eraseAccount(user.sub, {
      jobs,
      steps: ERASURE_STEPS,
      finalSweep: eraseObjects,
      resources: {
        rows: dynamoDbAccountRows(dynamodb, TABLES),
        erasePrefix: s3ErasePrefix(s3, stack.bucket),
        cognito: cognitoUsers(cognito, stack.userPoolId),
      },
      finalSweepDelaySeconds: 600,
      now: () => new Date(requested + 600_000),
    });
    expect(outcome).toBe('complete');
    await expectNothingLeft(user);
  });
});

describe('bad callers delete (and export) nothing', () => {
  it('refuses a wrong confirmation, an API key and IAM, and the account stays whole', async () => {
    const user = await member();
    const before = {
      users: await item(TABLES.users, { user_id: user.sub }),
      profile: await item(TABLES.profiles, { username: user.username }),
      links: await linkRows(user.sub),
      keys: await keysUnder(`users/${user.sub}/`),
    };

    const wrong = await as(user.accessToken, DELETE_ACCOUNT, { input: { username: `not-${user.username}` } });
    const wrongRest = await rest('DELETE', '/users/me', { token: user.accessToken, body: { username: 'nope' } });
    const missingRest = await rest('DELETE', '/users/me', { token: user.accessToken, body: {} });
    const apiKey = await gql.post(
      DELETE_ACCOUNT,
      { input: { username: user.username } },
      { 'x-api-key': stack.apiKey },
    );
    const iam = await gql.postSigned(DELETE_ACCOUNT, { input: { username: user.username } });
    const anonymousRest = await rest('DELETE', '/users/me', { body: { username: user.username } });
    const exportApiKey = await gql.post(EXPORT, {}, { 'x-api-key': stack.apiKey });
    const exportIam = await gql.postSigned(EXPORT, {});
    const exportAnonymousRest = await rest('GET', '/users/me/export');

    expect(wrong.body.errors?.[0]).toMatchObject({ errorType: 'BadRequest', errorInfo: { field: 'input.username' } });
    // REST speaks the body's terms: the field is `username`, not GraphQL's `input.username`.
    expect(wrongRest).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'username: does not match your username; nothing was deleted' },
    });
    expect(missingRest).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'Missing required fields (username)' },
    });
    for (const refused of [apiKey, iam, exportApiKey, exportIam])
      expect(refused.body.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
    expect(anonymousRest.status).toBe(401);
    expect(exportAnonymousRest.status).toBe(401);
    expect(await item(TABLES.accountJobs, { user_id: user.sub, job: 'export' })).toBeNull();
    expect(await keysUnder(`exports/${user.sub}/`)).toEqual([]);
    expect({
      users: await item(TABLES.users, { user_id: user.sub }),
      profile: await item(TABLES.profiles, { username: user.username }),
      links: await linkRows(user.sub),
      keys: await keysUnder(`users/${user.sub}/`),
    }).toEqual(before);
    expect(await item(TABLES.accountJobs, { user_id: user.sub, job: 'deletion' })).toBeNull();
  });
});

describe('an account deleted outside the API', () => {
  it('is erased the same way once the reconciler finds its Cognito user gone', async () => {
    const user = await member();
    const subscriber = await subscribeToProfile(stack, user.username);
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: stack.userPoolId, Username: user.email }));
    // Before the reconciler runs, the profile is still served (the pool told nobody).
    expect((await rest('GET', `/profiles/${user.username}`)).status).toBe(200);

    // The reconciler's comparison, over this account's users row only (the shared test tables hold
    // rows of users that exist in no pool), an hour later (past the sign-up grace period).
    const row = await item(TABLES.users, { user_id: user.sub });
    const result = await findOrphanedAccounts({
      cursor: {
        nextPage: async () => ({
          rows: [{ userId: user.sub, username: row?.username ?? null, createdAt: row?.created_at ?? null }],
          done: true,
          advance: async () => undefined,
        }),
      },
      cognito: cognitoUsers(cognito, stack.userPoolId),
      jobs: dynamoDbDeletionJobs(dynamodb, TABLES.accountJobs, 3600),
      profilesTable: TABLES.profiles,
      now: new Date(Date.now() + 3600_000),
      maxPages: 1,
      maxOrphans: 1,
      keepGoing: () => true,
    });

    expect(result.orphaned).toEqual([user.sub]);
    expect((await rest('GET', `/profiles/${user.username}`)).status).toBe(404);
    await expect
      .poll(() => subscriber.events.find((e) => e.kind === 'DELETED'), { timeout: 15_000, interval: 100 })
      .toMatchObject({ username: user.username, kind: 'DELETED' });
    subscriber.close();
    await erasureDone(user.sub);
    await expectNothingLeft(user);
  });
});
