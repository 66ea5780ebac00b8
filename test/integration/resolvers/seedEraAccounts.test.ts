// Seed-era users keep working accounts (docs/architecture.md §3): the pool is adopted,
// so they sign in as before, but their rows may lack what today's sign-up trigger writes. These
// suites run the deployed bundles against DynamoDB Local with rows written as the seed wrote them.
import { randomUUID } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyCaller, cognitoCaller } from '../../support/callers.ts';
import { localApi, uniqueName } from '../../support/localApi.ts';

const ME = '{ me { userId username email profileComplete createdAt } myProfile { username fullName } }';
const SAVE = 'mutation S($input: ProfileInput!) { saveProfile(input: $input) { username fullName bio isOwner } }';
const PROFILE = 'query P($u: String!) { profile(username: $u) { username fullName createdAt updatedAt } }';
const SAVE_LINK = 'mutation L($input: LinkInput!) { saveLink(input: $input) { linkId } }';

// Python's datetime.now(timezone.utc).isoformat() and datetime.utcnow().isoformat().
const AWARE = '2023-11-02T09:15:42.123456+00:00';
const NAIVE = '2023-11-02T09:15:42.123456';

let api: ReturnType<typeof localApi>;
beforeAll(() => {
  api = localApi();
});

async function put(table: string, item: Record<string, unknown>) {
  await api.client.send(
    new PutItemCommand({ TableName: table, Item: marshall(item, { removeUndefinedValues: true }) }),
  );
}

/** A profile row as the seed's profiles Lambda stored it, under `username` exactly as typed. */
async function seedProfile(username: string, sub: string, extra: Record<string, unknown> = {}) {
  await put(api.tables.profiles, {
    username,
    user_id: sub,
    full_name: 'Seed Era',
    bio: 'from before',
    created_at: AWARE,
    updated_at: AWARE,
    ...extra,
  });
}

describe('me for a caller without a users row', () => {
  it('creates the account row once and answers with it', async () => {
    const sub = randomUUID();
    const caller = cognitoCaller(sub);

    const first = await api.run(caller, ME);
    expect(first.errors).toBeUndefined();
    expect(first.data?.me).toMatchObject({ userId: sub, username: null, email: null, profileComplete: false });
    expect(first.data?.myProfile).toBeNull();
    const row = await api.item(api.tables.users, { user_id: sub });
    expect(row).toMatchObject({ user_id: sub, profile_complete: false });

    const second = await api.run(caller, ME);
    expect(second.data?.me).toEqual(first.data?.me);
    expect(await api.item(api.tables.users, { user_id: sub })).toEqual(row);
  });

  it('takes the email from an ID token', async () => {
    const sub = randomUUID();
    const res = await api.run(cognitoCaller(sub, { token_use: 'id', email: 'seed@example.com' }), ME);
    expect(res.data?.me).toMatchObject({ userId: sub, email: 'seed@example.com' });
  });

  it('reads a partial seed-era row (no created_at) as of its last update', async () => {
    const sub = randomUUID();
    await put(api.tables.users, {
      user_id: sub,
      username: uniqueName('partial'),
      profile_complete: true,
      updated_at: NAIVE,
    });
    const res = await api.run(cognitoCaller(sub), ME);
    expect(res.errors).toBeUndefined();
    expect(res.data?.me).toMatchObject({ userId: sub, createdAt: `${NAIVE}Z` });
  });

  it('never overwrites an account row that exists', async () => {
    const sub = randomUUID();
    const name = uniqueName('kept');
    await put(api.tables.users, {
      user_id: sub,
      email: 'old@example.com',
      username: name,
      profile_complete: true,
      created_at: AWARE,
      updated_at: AWARE,
    });
    await seedProfile(name, sub);
    const res = await api.run(cognitoCaller(sub, { token_use: 'id', email: 'new@example.com' }), ME);
    expect(res.data?.me).toMatchObject({ username: name, email: 'old@example.com', profileComplete: true });
    expect(await api.item(api.tables.users, { user_id: sub })).toMatchObject({ email: 'old@example.com' });
  });
});

describe('saveProfile by a seed-era owner whose profile no users row names', () => {
  it('without a users row: updates the profile in place and creates the row pointing at it', async () => {
    const sub = randomUUID();
    const name = uniqueName('seed');
    await seedProfile(name, sub);
    const caller = cognitoCaller(sub);

    const saved = await api.run(caller, SAVE, { input: { username: name, bio: 'now' } });

    expect(saved.errors).toBeUndefined();
    expect(saved.data?.saveProfile).toEqual({ username: name, fullName: 'Seed Era', bio: 'now', isOwner: true });
    expect(await api.item(api.tables.users, { user_id: sub })).toMatchObject({
      username: name,
      profile_complete: true,
    });
    expect((await api.run(caller, ME)).data).toMatchObject({
      me: { username: name, profileComplete: true },
      myProfile: { username: name, fullName: 'Seed Era' },
    });
    // A working account: links can be added now.
    expect(
      (await api.run(caller, SAVE_LINK, { input: { title: 'x', url: 'https://x.example' } })).errors,
    ).toBeUndefined();
  });

  it('with a users row that names nothing (the first me created it): points it at the profile', async () => {
    const sub = randomUUID();
    const name = uniqueName('seed');
    await seedProfile(name, sub);
    const caller = cognitoCaller(sub);
    expect((await api.run(caller, ME)).data?.me).toMatchObject({ username: null });

    const saved = await api.run(caller, SAVE, { input: { username: name, title: 'Engineer' } });

    expect(saved.errors).toBeUndefined();
    expect(await api.item(api.tables.users, { user_id: sub })).toMatchObject({
      username: name,
      profile_complete: true,
    });
    expect(await api.item(api.tables.profiles, { username: name })).toMatchObject({
      title: 'Engineer',
      bio: 'from before',
    });
  });

  it('keeps a mixed-case seed name as stored when the owner saves it in any spelling', async () => {
    const sub = randomUUID();
    const name = `Seed${randomUUID().slice(0, 8)}`;
    await seedProfile(name, sub);

    const saved = await api.run(cognitoCaller(sub), SAVE, { input: { username: name, bio: 'cased' } });

    expect(saved.errors).toBeUndefined();
    expect(saved.data?.saveProfile.username).toBe(name);
    expect(await api.item(api.tables.profiles, { username: name })).toMatchObject({ bio: 'cased', user_id: sub });
    expect(await api.item(api.tables.profiles, { username: name.toLowerCase() })).toBeNull();
  });

  it('never takes over a profile of the same name that someone else owns', async () => {
    const name = uniqueName('other');
    await seedProfile(name, randomUUID());
    const intruder = randomUUID();

    const res = await api.run(cognitoCaller(intruder), SAVE, { input: { username: name, bio: 'mine?' } });

    expect(res.errors?.[0]).toMatchObject({ errorType: 'Conflict' });
    expect(await api.item(api.tables.profiles, { username: name })).toMatchObject({ bio: 'from before' });
    expect(await api.item(api.tables.users, { user_id: intruder })).toBeNull();
  });
});

describe('profile(username) for seed-era names', () => {
  it('finds a mixed-case name as sent, and an invalid one too', async () => {
    const cased = `Seed${randomUUID().slice(0, 8)}`;
    const dotted = `seed.${randomUUID().slice(0, 8)}`;
    await seedProfile(cased, randomUUID());
    await seedProfile(dotted, randomUUID());

    for (const name of [cased, dotted, ` ${dotted} `]) {
      const res = await api.run(apiKeyCaller(), PROFILE, { u: name });
      expect(res.errors).toBeUndefined();
      expect(res.data?.profile?.username).toBe(name.trim());
    }
    expect((await api.run(apiKeyCaller(), PROFILE, { u: cased.toLowerCase() })).data?.profile).toBeNull();
  });

  it('prefers the exact spelling when two names differ only by case, and the normalized one otherwise', async () => {
    const lower = uniqueName('pair');
    const upper = lower.toUpperCase();
    await seedProfile(upper, randomUUID(), { full_name: 'Upper' });
    await seedProfile(lower, randomUUID(), { full_name: 'Lower' });
    const mixed = `${lower.slice(0, 3).toUpperCase()}${lower.slice(3)}`;

    const read = async (u: string) => (await api.run(apiKeyCaller(), PROFILE, { u })).data?.profile?.fullName;
    expect(await read(upper)).toBe('Upper');
    expect(await read(lower)).toBe('Lower');
    expect(await read(mixed)).toBe('Lower');
  });

  it('serves timestamps Python wrote without a zone as UTC', async () => {
    const name = uniqueName('naive');
    await seedProfile(name, randomUUID(), { created_at: NAIVE, updated_at: AWARE });
    const res = await api.run(apiKeyCaller(), PROFILE, { u: name });
    expect(res.errors).toBeUndefined();
    expect(res.data?.profile).toMatchObject({ createdAt: `${NAIVE}Z`, updatedAt: AWARE });
  });
});
