import { randomUUID } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyCaller, cognitoCaller } from '../../support/callers.ts';
import { localApi, uniqueName } from '../../support/localApi.ts';

const SAVE = `mutation Save($input: ProfileInput!) {
  saveProfile(input: $input) {
    username fullName title bio skills email phone showEmail showPhone showResume dateOfBirth isOwner
    avatarKey avatarUrl profileImageUrl resumeKey resumeUrl
    socialLinks { platform url } projects { id title link imageKey imageUrl techStack order }
  }
}`;

let api: ReturnType<typeof localApi>;
beforeAll(() => {
  api = localApi();
});

async function claim(name = uniqueName(), extra: Record<string, unknown> = {}) {
  const caller = cognitoCaller();
  const res = await api.run(caller, SAVE, { input: { username: name, ...extra } });
  expect(res.errors).toBeUndefined();
  return { caller, sub: (caller.identity as { sub: string }).sub, name };
}

describe('Mutation.saveProfile: claiming a username', () => {
  it('creates the profile and the users row in one step, normalizing the name', async () => {
    const caller = cognitoCaller(randomUUID(), { email: 'ada@example.com' });
    const sub = (caller.identity as { sub: string }).sub;
    const name = uniqueName('ada');

    const res = await api.run(caller, SAVE, {
      input: { username: `  ${name.toUpperCase()} `, fullName: 'Ada', showEmail: true },
    });

    expect(res.errors).toBeUndefined();
    expect(res.data?.saveProfile).toMatchObject({
      username: name,
      fullName: 'Ada',
      showEmail: true,
      showPhone: false,
      isOwner: true,
      skills: [],
      projects: [],
    });
    expect(await api.item(api.tables.profiles, { username: name })).toMatchObject({
      user_id: sub,
      full_name: 'Ada',
      show_email: true,
    });
    expect(await api.item(api.tables.users, { user_id: sub })).toMatchObject({
      username: name,
      email: 'ada@example.com',
      profile_complete: true,
    });
  });

  it('refuses a first save without a username and writes nothing', async () => {
    const caller = cognitoCaller();
    const sub = (caller.identity as { sub: string }).sub;

    const res = await api.run(caller, SAVE, { input: { fullName: 'Nobody' } });

    expect(res.errors?.[0]).toMatchObject({
      errorType: 'BadRequest',
      errorInfo: { field: 'input.username' },
      path: ['saveProfile'],
    });
    expect(res.data?.saveProfile).toBeNull();
    expect(await api.item(api.tables.users, { user_id: sub })).toBeNull();
  });

  it("refuses a taken name with Conflict and leaves the owner's profile and the loser's account untouched", async () => {
    const owner = await claim(undefined, { bio: 'original' });
    const rival = cognitoCaller();
    const rivalSub = (rival.identity as { sub: string }).sub;

    const res = await api.run(rival, SAVE, { input: { username: owner.name, bio: 'hijack' } });

    expect(res.errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      message: `The username "${owner.name}" is already taken.`,
    });
    expect(await api.item(api.tables.profiles, { username: owner.name })).toMatchObject({
      user_id: owner.sub,
      bio: 'original',
    });
    expect(await api.item(api.tables.users, { user_id: rivalSub })).toBeNull();
  });

  it('is not available to API key callers (Cognito only)', async () => {
    const res = await api.run(apiKeyCaller(), SAVE, { input: { username: uniqueName() } });
    expect(res.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
  });
});

describe('Mutation.saveProfile: partial updates', () => {
  it('changes only the fields given; lists replace; explicit null and blank text clear', async () => {
    const { caller, name } = await claim(undefined, {
      fullName: 'Ada',
      title: 'Engineer',
      bio: 'Bio',
      skills: ['a', 'b'],
      phone: '+1 555 764 4377',
    });

    const res = await api.run(caller, SAVE, { input: { title: 'Scientist', skills: ['c'], bio: null, phone: '  ' } });

    expect(res.errors).toBeUndefined();
    expect(res.data?.saveProfile).toMatchObject({
      username: name,
      fullName: 'Ada',
      title: 'Scientist',
      skills: ['c'],
      bio: null,
      phone: null,
    });
    const stored = await api.item(api.tables.profiles, { username: name });
    expect(stored).toMatchObject({ full_name: 'Ada', title: 'Scientist', skills: ['c'] });
    expect(stored).not.toHaveProperty('bio');
    expect(stored).not.toHaveProperty('phone');
  });

  it('stores social links as the seed map and projects in snake_case with generated ids', async () => {
    const { caller, name, sub } = await claim();
    const imageKey = `users/${sub}/projects/abc-123.png`;

    const res = await api.run(caller, SAVE, {
      input: {
        socialLinks: [{ platform: 'GitHub', url: 'https://github.com/ada' }],
        projects: [{ title: 'Engine', link: 'https://engine.example', imageKey, techStack: ['ts'], order: 1 }],
      },
    });

    expect(res.errors).toBeUndefined();
    const project = res.data?.saveProfile.projects[0];
    expect(project).toMatchObject({
      title: 'Engine',
      imageKey,
      imageUrl: `${api.assetsBaseUrl}/${imageKey}`,
      techStack: ['ts'],
      order: 1,
    });
    expect(project.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await api.item(api.tables.profiles, { username: name })).toMatchObject({
      social_links: { github: 'https://github.com/ada' },
      projects: [
        {
          id: project.id,
          title: 'Engine',
          link: 'https://engine.example',
          image_key: imageKey,
          image_url: `${api.assetsBaseUrl}/${imageKey}`,
          tech_stack: ['ts'],
          order: 1,
        },
      ],
    });
  });

  it('derives avatar and resume URLs from keys under the caller prefix', async () => {
    const { caller, sub } = await claim();
    const avatarKey = `users/${sub}/profile/a1.png`;
    const resumeKey = `users/${sub}/resume/cv.pdf`;

    const res = await api.run(caller, SAVE, { input: { avatarKey, resumeKey } });

    expect(res.data?.saveProfile).toMatchObject({
      avatarKey,
      avatarUrl: `${api.assetsBaseUrl}/${avatarKey}`,
      profileImageUrl: `${api.assetsBaseUrl}/${avatarKey}`,
      resumeKey,
      resumeUrl: `${api.assetsBaseUrl}/${resumeKey}`,
    });
  });

  it.each([
    [{ username: 'admin' }, 'input.username'],
    [{ bio: 'x'.repeat(2001) }, 'input.bio'],
    [{ email: 'not-an-email' }, 'input.email'],
    [{ dateOfBirth: '2999-01-01' }, 'input.dateOfBirth'],
    [{ socialLinks: [{ platform: 'x', url: 'javascript:alert(1)' }] }, 'input.socialLinks[0].url'],
    [{ projects: [{ title: 'P', link: 'data:text/html,hi' }] }, 'input.projects[0].link'],
    [{ avatarKey: 'users/someone-else/profile/a.png' }, 'input.avatarKey'],
    [{ skills: Array.from({ length: 51 }, (_, i) => `s${i}`) }, 'input.skills'],
  ])('refuses %j with BadRequest naming %s and writes nothing', async (input, field) => {
    const { caller, name, sub } = await claim(undefined, { bio: 'kept' });
    const before = await api.item(api.tables.profiles, { username: name });
    const accountBefore = await api.item(api.tables.users, { user_id: sub });

    const res = await api.run(caller, SAVE, { input: { ...input, fullName: 'should not be written' } });

    expect(res.errors?.[0]).toMatchObject({ errorType: 'BadRequest', errorInfo: { field } });
    expect(res.errors?.[0].message).toContain(field);
    expect(await api.item(api.tables.profiles, { username: name })).toEqual(before);
    expect(await api.item(api.tables.users, { user_id: sub })).toEqual(accountBefore);
  });
});

describe('Mutation.saveProfile: renaming', () => {
  it('moves the profile to the new name and frees the old one in the same step', async () => {
    const { caller, name, sub } = await claim(undefined, { bio: 'moving' });
    const next = uniqueName('new');

    const res = await api.run(caller, SAVE, { input: { username: next, title: 'Renamed' } });

    expect(res.errors).toBeUndefined();
    expect(res.data?.saveProfile).toMatchObject({ username: next, bio: 'moving', title: 'Renamed' });
    expect(await api.item(api.tables.profiles, { username: name })).toBeNull();
    expect(await api.item(api.tables.profiles, { username: next })).toMatchObject({ user_id: sub, bio: 'moving' });
    expect(await api.item(api.tables.users, { user_id: sub })).toMatchObject({ username: next });
    const other = await claim(name);
    expect(other.name).toBe(name);
  });

  it('refuses a rename onto a taken name and changes nothing', async () => {
    const first = await claim();
    const second = await claim(undefined, { bio: 'second' });

    const res = await api.run(second.caller, SAVE, { input: { username: first.name, bio: 'changed' } });

    expect(res.errors?.[0]).toMatchObject({ errorType: 'Conflict' });
    expect(await api.item(api.tables.profiles, { username: second.name })).toMatchObject({
      user_id: second.sub,
      bio: 'second',
    });
    expect(await api.item(api.tables.profiles, { username: first.name })).toMatchObject({ user_id: first.sub });
    expect(await api.item(api.tables.users, { user_id: second.sub })).toMatchObject({ username: second.name });
  });
});

describe('Mutation.saveProfile: accounts from the sign-up trigger', () => {
  it('marks the account profile_complete on the first save of the claimed profile', async () => {
    // What post-confirmation leaves behind: the account and the claimed name, incomplete.
    const caller = cognitoCaller();
    const sub = (caller.identity as { sub: string }).sub;
    const name = uniqueName('trg');
    const now = '2026-01-01T00:00:00.000Z';
    await api.client.send(
      new PutItemCommand({
        TableName: api.tables.users,
        Item: marshall({
          user_id: sub,
          username: name,
          email: 'trg@example.com',
          profile_complete: false,
          created_at: now,
          updated_at: now,
        }),
      }),
    );
    await api.client.send(
      new PutItemCommand({
        TableName: api.tables.profiles,
        Item: marshall({
          username: name,
          user_id: sub,
          show_email: false,
          show_phone: false,
          show_resume: false,
          created_at: now,
          updated_at: now,
        }),
      }),
    );

    const res = await api.run(caller, SAVE, { input: { fullName: 'Triggered' } });

    expect(res.errors).toBeUndefined();
    expect(res.data?.saveProfile).toMatchObject({ username: name, fullName: 'Triggered' });
    expect(await api.item(api.tables.users, { user_id: sub })).toMatchObject({
      profile_complete: true,
      username: name,
      email: 'trg@example.com',
    });
  });
});
