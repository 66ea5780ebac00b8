// deleteAccount and the tombstone, through the deployed resolver bundles against DynamoDB Local:
// the confirmation, who may call it, what it writes (and what a refusal does not), what every
// owner field answers afterwards, and that the write transactions themselves refuse a deleted
// account even when the tombstone step let a request through a moment before.
import { randomUUID } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyCaller, cognitoCaller, iamCaller } from '../../support/callers.ts';
import { localApi, uniqueName } from '../../support/localApi.ts';

const SAVE_PROFILE = 'mutation Save($input: ProfileInput!) { saveProfile(input: $input) { username } }';
const SAVE_LINK = 'mutation L($input: LinkInput!) { saveLink(input: $input) { linkId } }';
const DELETE_LINK = 'mutation D($id: ID!) { deleteLink(linkId: $id) { linkId } }';
const DELETE_ACCOUNT =
  'mutation Delete($input: DeleteAccountInput!) { deleteAccount(input: $input) { status requestedAt } }';
const PROFILE = 'query P($u: String!) { profile(username: $u) { username } }';
const AVAILABLE = 'query A($u: String!) { usernameAvailable(username: $u) { available } }';

let api: ReturnType<typeof localApi>;
beforeAll(() => {
  api = localApi();
});

async function member(prefix = 'del') {
  const caller = cognitoCaller();
  const name = uniqueName(prefix);
  const saved = await api.run(caller, SAVE_PROFILE, {
    input: { username: name, fullName: 'Ada Lovelace', email: 'ada@example.com', dateOfBirth: '1990-01-01' },
  });
  expect(saved.errors).toBeUndefined();
  const link = await api.run(caller, SAVE_LINK, { input: { title: 'Blog', url: 'https://ada.example' } });
  expect(link.errors).toBeUndefined();
  return { caller, name, sub: (caller.identity as { sub: string }).sub, linkId: link.data?.saveLink.linkId as string };
}

/** Everything stored for the member, for before/after comparisons. */
async function rows(m: { name: string; sub: string; linkId: string }) {
  return {
    users: await api.item(api.tables.users, { user_id: m.sub }),
    profile: await api.item(api.tables.profiles, { username: m.name }),
    link: await api.item(api.tables.links, { user_id: m.sub, link_id: m.linkId }),
    tombstone: await api.item(api.tables.accountJobs, { user_id: m.sub, job: 'deletion' }),
  };
}

describe('deleteAccount', () => {
  it('takes the profile offline at once, frees the name and writes a tombstone without personal data', async () => {
    const m = await member();
    const before = Date.now() / 1000;

    const res = await api.run(m.caller, DELETE_ACCOUNT, { input: { username: `  ${m.name.toUpperCase()} ` } });

    expect(res.errors).toBeUndefined();
    expect(res.data?.deleteAccount).toEqual({ status: 'PENDING', requestedAt: expect.any(String) });
    expect((await api.run(apiKeyCaller(), PROFILE, { u: m.name })).data).toEqual({ profile: null });
    expect((await api.run(apiKeyCaller(), AVAILABLE, { u: m.name })).data?.usernameAvailable).toEqual({
      available: true,
    });
    const tombstone = await api.item(api.tables.accountJobs, { user_id: m.sub, job: 'deletion' });
    expect(tombstone).toMatchObject({ requested_by: 'owner', requested_at: res.data?.deleteAccount.requestedAt });
    // The app client's longest token lifetime (30-day refresh tokens) after its last change.
    expect(Number(tombstone?.expires_at) - before).toBeGreaterThanOrEqual(30 * 86_400 - 5);
    expect(Number(tombstone?.expires_at) - before).toBeLessThanOrEqual(30 * 86_400 + 60);
    const stored = JSON.stringify(tombstone);
    for (const personal of [m.name, 'ada@example.com', 'Ada Lovelace', '1990-01-01', 'ada.example'])
      expect(stored).not.toContain(personal);
  });

  it('refuses a wrong confirmation with BadRequest and changes nothing', async () => {
    const m = await member();
    const before = await rows(m);

    for (const typed of [`${m.name}x`, 'ada@example.com', ' ']) {
      const res = await api.run(m.caller, DELETE_ACCOUNT, { input: { username: typed } });
      expect(res.errors?.[0]).toMatchObject({ errorType: 'BadRequest', errorInfo: { field: 'input.username' } });
    }

    expect(await rows(m)).toEqual(before);
    expect(before.tombstone).toBeNull();
  });

  it('refuses API-key and IAM callers (Unauthorized) and changes nothing', async () => {
    const m = await member();
    const before = await rows(m);

    for (const caller of [apiKeyCaller(), iamCaller()]) {
      const res = await api.run(caller, DELETE_ACCOUNT, { input: { username: m.name } });
      expect(res.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
      expect(res.data).toEqual({ deleteAccount: null });
    }

    expect(await rows(m)).toEqual(before);
  });

  it('lets a caller without a username confirm with their email', async () => {
    const sub = randomUUID();
    await api.client.send(
      new PutItemCommand({
        TableName: api.tables.users,
        Item: marshall({ user_id: sub, email: 'No.Name@Example.com', profile_complete: false, created_at: 'x' }),
      }),
    );
    const caller = cognitoCaller(sub);

    const wrong = await api.run(caller, DELETE_ACCOUNT, { input: { username: 'someone@example.com' } });
    expect(wrong.errors?.[0]).toMatchObject({ errorType: 'BadRequest', message: expect.stringMatching(/email/) });
    expect(await api.item(api.tables.accountJobs, { user_id: sub, job: 'deletion' })).toBeNull();

    const right = await api.run(caller, DELETE_ACCOUNT, { input: { username: 'no.name@example.com' } });
    expect(right.errors).toBeUndefined();
    expect(await api.item(api.tables.accountJobs, { user_id: sub, job: 'deletion' })).not.toBeNull();
  });

  it('gives the deleted account Unauthorized on every owner field, and never recreates its rows', async () => {
    const m = await member();
    expect((await api.run(m.caller, DELETE_ACCOUNT, { input: { username: m.name } })).errors).toBeUndefined();
    const fresh = uniqueName('back');

    const attempts = [
      ['{ me { userId } }', {}],
      ['{ myProfile { username } }', {}],
      [SAVE_PROFILE, { input: { username: fresh } }],
      [SAVE_PROFILE, { input: { bio: 'still here' } }],
      [SAVE_LINK, { input: { title: 'New', url: 'https://new.example' } }],
      [SAVE_LINK, { input: { linkId: m.linkId, title: 'Edit', url: 'https://edit.example' } }],
      [DELETE_LINK, { id: m.linkId }],
      [
        'mutation U { createUploadUrl(input: { fileType: resume, contentType: "application/pdf", contentLength: 10 }) { key } }',
        {},
      ],
      ['mutation E { exportAccount { url } }', {}],
      [DELETE_ACCOUNT, { input: { username: m.name } }],
    ] as const;
    for (const [query, variables] of attempts) {
      const res = await api.run(m.caller, query, variables);
      expect(res.errors?.[0], query).toMatchObject({
        errorType: 'Unauthorized',
        message: 'This account has been deleted.',
      });
    }

    expect(await api.item(api.tables.profiles, { username: fresh })).toBeNull();
    expect(await api.item(api.tables.profiles, { username: m.name })).toBeNull();
  });

  it('frees the name for anyone to claim right away', async () => {
    const m = await member();
    await api.run(m.caller, DELETE_ACCOUNT, { input: { username: m.name } });
    const newcomer = cognitoCaller();

    const claim = await api.run(newcomer, SAVE_PROFILE, { input: { username: m.name } });

    expect(claim.errors).toBeUndefined();
    expect(await api.item(api.tables.profiles, { username: m.name })).toMatchObject({
      user_id: (newcomer.identity as { sub: string }).sub,
    });
  });
});

describe('the write transactions themselves', () => {
  // The API without the tombstone step: a request that passed the step just before the deletion.
  let raced: ReturnType<typeof localApi>;
  beforeAll(() => {
    raced = localApi(undefined, (definition) => {
      const step = definition.functions.find((fn) => fn.name === 'refuseDeletedAccount');
      expect(step).toBeDefined();
      return {
        ...definition,
        resolvers: definition.resolvers.map((resolver) => ({
          ...resolver,
          functionIds: resolver.functionIds?.filter((id) => id !== step?.id),
        })),
      };
    });
  });

  /** A tombstone whose erasure is already complete, so the stack's worker leaves the rows alone. */
  async function tombstone(sub: string) {
    await api.client.send(
      new PutItemCommand({
        TableName: api.tables.accountJobs,
        Item: marshall({ user_id: sub, job: 'deletion', status: 'COMPLETE', requested_at: new Date().toISOString() }),
      }),
    );
  }

  it('refuses to create a link, claim a first name or rename for an account with a tombstone', async () => {
    const m = await member('race');
    const newcomer = cognitoCaller();
    const newcomerSub = (newcomer.identity as { sub: string }).sub;
    await tombstone(m.sub);
    await tombstone(newcomerSub);
    const usersBefore = await api.item(api.tables.users, { user_id: m.sub });
    const renamed = uniqueName('ren');
    const claimed = uniqueName('cla');

    const link = await raced.run(m.caller, SAVE_LINK, { input: { title: 'Late', url: 'https://late.example' } });
    const rename = await raced.run(m.caller, SAVE_PROFILE, { input: { username: renamed } });
    const claim = await raced.run(newcomer, SAVE_PROFILE, { input: { username: claimed } });

    for (const res of [link, rename, claim]) {
      expect(res.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'This account has been deleted.' });
    }
    expect(await api.item(api.tables.users, { user_id: m.sub })).toEqual(usersBefore);
    expect(await api.item(api.tables.profiles, { username: renamed })).toBeNull();
    expect(await api.item(api.tables.profiles, { username: claimed })).toBeNull();
    expect(await api.item(api.tables.users, { user_id: newcomerSub })).toBeNull();
    expect(await api.item(api.tables.profiles, { username: m.name })).toMatchObject({ user_id: m.sub });
  });

  it("refuses me's creation of a missing users row for an account with a tombstone", async () => {
    const caller = cognitoCaller();
    const sub = (caller.identity as { sub: string }).sub;
    await tombstone(sub);

    const res = await raced.run(caller, '{ me { userId } }');

    expect(res.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'This account has been deleted.' });
    expect(res.data).toEqual({ me: null });
    expect(await api.item(api.tables.users, { user_id: sub })).toBeNull();
  });

  it('refuses to adopt a seed-era profile (no users row names it) for an account with a tombstone', async () => {
    const caller = cognitoCaller();
    const sub = (caller.identity as { sub: string }).sub;
    // Stored as the seed typed it; the caller sends it in that spelling, as saveProfile's adoption expects.
    const stored = `Seed${uniqueName('era')}`;
    const row = { username: stored, user_id: sub, full_name: 'Seed Era', updated_at: '2023-11-02T09:15:42+00:00' };
    await api.client.send(new PutItemCommand({ TableName: api.tables.profiles, Item: marshall(row) }));
    await tombstone(sub);

    const res = await raced.run(caller, SAVE_PROFILE, { input: { username: stored, fullName: 'Changed' } });

    expect(res.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'This account has been deleted.' });
    expect(await api.item(api.tables.users, { user_id: sub })).toBeNull();
    expect(await api.item(api.tables.profiles, { username: stored })).toEqual(row);
  });
});
