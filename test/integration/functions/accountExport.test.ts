// exportAccount's Lambda code against the run's DynamoDB Local and s3rver, with an injected clock:
// the document holds every stored field of the caller (their stats too) and nothing of anyone else, its link is a
// presigned GET that stops working after 15 minutes, the object itself is never public, one
// export per minute, none for a deleted account.
import { randomUUID } from 'node:crypto';
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { exportAccount } from '../../../functions/account-export/exportAccount.ts';
import type { ExportDependencies } from '../../../functions/account-export/exportAccount.ts';
import { ExportTooSoonError } from '../../../functions/account-export/exportSlot.ts';
import { cognitoCaller } from '../../support/callers.ts';
import { localApi, uniqueName } from '../../support/localApi.ts';

const stack = inject('localStack');
// The template's stats table (project "prolynk"), created by the global setup's local stack.
const STATS_TABLE = 'prolynk-stats';
// As the stats store writes counters: with their TTL (400 days after the day).
const COUNTER_EXPIRES = Math.floor(Date.UTC(2031, 1, 5) / 1000);
const s3 = new S3Client({
  endpoint: stack.s3Endpoint,
  forcePathStyle: true,
  region: stack.region,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  requestChecksumCalculation: 'WHEN_REQUIRED',
});

let api: ReturnType<typeof localApi>;
beforeAll(() => {
  api = localApi();
});

function deps(now: Date): ExportDependencies {
  return {
    dynamodb: api.client,
    tables: { ...api.tables },
    statsTable: STATS_TABLE,
    s3,
    bucket: stack.bucket,
    assetsBaseUrl: `${stack.s3Endpoint}/${stack.bucket}`,
    now: () => now,
  };
}

/** A member with a full profile (private fields too), a live and a deleted link, and two uploads. */
async function member(secret: string) {
  const caller = cognitoCaller();
  const sub = (caller.identity as { sub: string }).sub;
  const username = uniqueName('exp');
  const avatar = `users/${sub}/profile/${randomUUID()}.png`;
  const resume = `users/${sub}/resume/${randomUUID()}.pdf`;
  await s3.send(
    new PutObjectCommand({ Bucket: stack.bucket, Key: avatar, Body: `png ${secret}`, ContentType: 'image/png' }),
  );
  await s3.send(
    new PutObjectCommand({ Bucket: stack.bucket, Key: resume, Body: 'pdf', ContentType: 'application/pdf' }),
  );
  const SAVE = 'mutation S($input: ProfileInput!) { saveProfile(input: $input) { username } } ';
  const saved = await api.run(caller, SAVE, {
    input: {
      username,
      fullName: `Full ${secret}`,
      bio: `Bio ${secret}`,
      email: `${secret}@example.com`,
      showEmail: false,
      phone: '+1 555 0100',
      dateOfBirth: '1991-02-03',
      skills: ['ts', secret],
      socialLinks: [{ platform: 'github', url: `https://github.com/${secret}` }],
      projects: [{ title: `Project ${secret}`, techStack: ['cdk'] }],
      avatarKey: avatar,
      resumeKey: resume,
    },
  });
  expect(saved.errors).toBeUndefined();
  const LINK = 'mutation L($input: LinkInput!) { saveLink(input: $input) { linkId } }';
  const live = await api.run(caller, LINK, { input: { title: `Live ${secret}`, url: 'https://live.example' } });
  const dead = await api.run(caller, LINK, { input: { title: `Dead ${secret}`, url: 'https://dead.example' } });
  await api.run(caller, 'mutation D($id: ID!) { deleteLink(linkId: $id) { linkId } }', {
    id: dead.data?.saveLink.linkId,
  });
  expect(live.errors).toBeUndefined();
  // Stats counters as the stats function stores them: views on two shards, clicks on one.
  const linkId = live.data?.saveLink.linkId as string;
  const counters: [number, string, number][] = [
    [0, 'day#2030-01-01#views', 2],
    [3, 'day#2030-01-01#views', 1],
    [1, `day#2030-01-02#click#${linkId}`, 4],
  ];
  for (const [shard, sk, count] of counters) {
    await api.client.send(
      new PutItemCommand({
        TableName: STATS_TABLE,
        Item: marshall({ pk: `user#${sub}#${shard}`, sk, count, expires_at: COUNTER_EXPIRES }),
      }),
    );
  }
  return { sub, username, secret, linkId, keys: [avatar, resume].sort() };
}

async function storedLinks(sub: string) {
  const out = await api.client.send(
    new QueryCommand({
      TableName: api.tables.links,
      KeyConditionExpression: 'user_id = :u',
      ExpressionAttributeValues: marshall({ ':u': sub }),
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((item) => unmarshall(item));
}

describe('exportAccount', () => {
  it("holds every stored field of the caller's account, profile, links and uploads, and nothing of another user", async () => {
    const ada = await member(`ada${randomUUID().slice(0, 6)}`);
    const bob = await member(`bob${randomUUID().slice(0, 6)}`);

    const result = await exportAccount(ada.sub, deps(new Date()));
    const response = await fetch(result.url);
    const text = await response.text();
    const document = JSON.parse(text);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(document.userId).toBe(ada.sub);
    expect(document.account).toEqual(await api.item(api.tables.users, { user_id: ada.sub }));
    expect(document.profile).toEqual(await api.item(api.tables.profiles, { username: ada.username }));
    expect(document.profile).toMatchObject({ date_of_birth: '1991-02-03', phone: '+1 555 0100', show_email: false });
    const links = await storedLinks(ada.sub);
    expect(document.links).toHaveLength(2);
    expect(document.links).toEqual(
      expect.arrayContaining(links.map((link) => ({ ...link, is_deleted: link.is_deleted === true }))),
    );
    expect(document.links.map((link: { is_deleted: boolean }) => link.is_deleted).sort()).toEqual([false, true]);
    expect(document.uploads.map((upload: { key: string }) => upload.key)).toEqual(ada.keys);
    expect(document.uploads[0]).toMatchObject({
      size: expect.any(Number),
      contentType: expect.stringMatching(/^(image\/png|application\/pdf)$/),
      url: `${stack.s3Endpoint}/${stack.bucket}/${document.uploads[0].key}`,
    });
    expect((await fetch(document.uploads[0].url)).status).toBe(200);
    expect(document.stats).toEqual([
      { day: '2030-01-01', kind: 'views', count: 3 },
      { day: '2030-01-02', kind: 'click', linkId: ada.linkId, count: 4 },
    ]);
    for (const foreign of [bob.sub, bob.username, bob.secret, bob.linkId]) expect(text).not.toContain(foreign);
  });

  it('holds every further profile row the account owns, as the seed system could leave them', async () => {
    const ada = await member(`ada${randomUUID().slice(0, 6)}`);
    const bob = await member(`bob${randomUUID().slice(0, 6)}`);
    // Seed-era rows: an older name of Ada's, still hers, and none of Bob's in the export.
    const older = { username: uniqueName('old'), user_id: ada.sub, bio: 'from the seed era', skills: ['vb'] };
    await api.client.send(new PutItemCommand({ TableName: api.tables.profiles, Item: marshall(older) }));

    const result = await exportAccount(ada.sub, deps(new Date()));
    const document = (await (await fetch(result.url)).json()) as { profile: unknown; otherProfiles: unknown };

    expect(document.profile).toEqual(await api.item(api.tables.profiles, { username: ada.username }));
    expect(document.otherProfiles).toEqual([older]);
    expect(JSON.stringify(document)).not.toContain(bob.username);
  });

  it('gives a presigned link that works for 15 minutes only, to an object nobody can read without it', async () => {
    const ada = await member(`exp${randomUUID().slice(0, 6)}`);
    // An export made 16 minutes ago: its link has expired by now.
    const stale = await exportAccount(ada.sub, deps(new Date(Date.now() - 16 * 60_000)));
    const fresh = await exportAccount(ada.sub, deps(new Date()));

    expect(Date.parse(fresh.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(Date.parse(fresh.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect((await fetch(fresh.url)).status).toBe(200);
    const expired = await fetch(stale.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/AccessDenied|expired/i);
    const unsigned = new URL(fresh.url);
    expect(unsigned.pathname).toMatch(new RegExp(`/exports/${ada.sub}/`));
    expect((await fetch(`${unsigned.origin}${unsigned.pathname}`)).status).toBe(403);
  });

  it('allows one export per minute, telling when to try again', async () => {
    const ada = await member(`rate${randomUUID().slice(0, 6)}`);
    const at = new Date('2031-05-05T10:00:00.250Z');
    await exportAccount(ada.sub, deps(at));

    const again = exportAccount(ada.sub, deps(new Date(at.getTime() + 59_000)));
    await expect(again).rejects.toBeInstanceOf(ExportTooSoonError);
    await expect(again).rejects.toMatchObject({
      errorType: 'Conflict',
      retryAfter: new Date('2031-05-05T10:01:00.000Z'),
      message: expect.stringMatching(/once a minute; try again after 2031-05-05T10:01:00\.000Z/),
    });
    await expect(exportAccount(ada.sub, deps(new Date(at.getTime() + 60_000)))).resolves.toHaveProperty('url');
  });

  it('refuses a deleted account and writes nothing', async () => {
    const sub = randomUUID();
    await api.client.send(
      new PutItemCommand({
        TableName: api.tables.accountJobs,
        Item: marshall({ user_id: sub, job: 'deletion', status: 'COMPLETE', requested_at: new Date().toISOString() }),
      }),
    );

    await expect(exportAccount(sub, deps(new Date()))).rejects.toMatchObject({
      errorType: 'Unauthorized',
      message: 'This account has been deleted.',
    });
    expect(await api.item(api.tables.accountJobs, { user_id: sub, job: 'export' })).toBeNull();
    const stored = await s3.send(new ListObjectsV2Command({ Bucket: stack.bucket, Prefix: `exports/${sub}/` }));
    expect(stored.Contents ?? []).toEqual([]);
  });
});
