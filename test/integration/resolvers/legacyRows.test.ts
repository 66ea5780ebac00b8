// Rows the seed system wrote (docs/architecture.md §3: existing data must keep working): no ids on projects,
// profile_image_url only, social links with empty entries, links without is_deleted/order, and a
// users row without the live-link counter.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyCaller, cognitoCaller } from '../../support/callers.ts';
import { localApi, uniqueName } from '../../support/localApi.ts';

const PROFILE = `query P($u: String!) { profile(username: $u) {
  username avatarUrl profileImageUrl socialLinks { platform url } projects { id title techStack order } links { linkId title order }
} }`;
const MY_PROFILE = 'query { myProfile { username email dateOfBirth links { title } } me { username profileComplete } }';
const SAVE_LINK = 'mutation L($input: LinkInput!) { saveLink(input: $input) { linkId } }';
const DELETE_LINK = 'mutation D($id: ID!) { deleteLink(linkId: $id) { linkId isDeleted } }';

let api: ReturnType<typeof localApi>;
beforeAll(() => {
  api = localApi();
});

/** A seed-era account: users row (no link_count), profile, and two links without is_deleted/order. */
async function legacyAccount() {
  const sub = randomUUID();
  const name = uniqueName('old');
  const at = '2024-03-01T10:00:00.000Z';
  await api.put(api.tables.users, {
    user_id: sub,
    email: `${name}@example.com`,
    username: name,
    profile_complete: true,
    created_at: at,
    updated_at: at,
  });
  await api.put(api.tables.profiles, {
    username: name,
    user_id: sub,
    full_name: 'Old Timer',
    email: `${name}@example.com`,
    date_of_birth: '1980-05-05',
    profile_image_url: 'https://legacy.example/p.png',
    social_links: { github: 'https://github.com/old', twitter: null, linkedin: '' },
    projects: [
      { title: 'First', link: 'https://first.example' },
      { title: 'Second', description: 'no id either', order: 2 },
    ],
    created_at: at,
    updated_at: at,
  });
  await api.put(api.tables.links, {
    user_id: sub,
    link_id: 'legacy-1',
    title: 'Blog',
    url: 'https://blog.example',
    created_at: at,
    updated_at: at,
  });
  await api.put(api.tables.links, {
    user_id: sub,
    link_id: 'legacy-2',
    title: 'Shop',
    url: 'https://shop.example',
    is_deleted: false,
    created_at: at,
    updated_at: at,
  });
  return { sub, name, caller: cognitoCaller(sub) };
}

describe('seed-era rows', () => {
  it('read publicly without errors: legacy avatar, id-less projects, empty social links, links without flags', async () => {
    const { name } = await legacyAccount();
    const res = await api.run(apiKeyCaller(), PROFILE, { u: name });
    expect(res.errors).toBeUndefined();
    expect(res.data?.profile).toMatchObject({
      username: name,
      avatarUrl: 'https://legacy.example/p.png',
      profileImageUrl: 'https://legacy.example/p.png',
      socialLinks: [{ platform: 'github', url: 'https://github.com/old' }],
      projects: [
        { id: 'First', title: 'First', techStack: [], order: null },
        { id: 'Second', title: 'Second', techStack: [], order: 2 },
      ],
    });
    expect(res.data?.profile.links.map((l: { title: string }) => l.title).sort()).toEqual(['Blog', 'Shop']);
  });

  it('read for the owner through the users row', async () => {
    const { name, caller } = await legacyAccount();
    const res = await api.run(caller, MY_PROFILE);
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({
      myProfile: { username: name, dateOfBirth: '1980-05-05' },
      me: { username: name, profileComplete: true },
    });
  });

  it('deleting an uncounted legacy link never drives the live-link counter below zero', async () => {
    const { sub, caller } = await legacyAccount();
    const deleted = await api.run(caller, DELETE_LINK, { id: 'legacy-1' });
    expect(deleted.errors).toBeUndefined();
    const account = await api.item(api.tables.users, { user_id: sub });
    expect(account?.link_count ?? 0).toBeGreaterThanOrEqual(0);
  });

  it('keeps the counter equal to the links it counted when legacy and new links are deleted', async () => {
    const { sub, caller } = await legacyAccount();
    const added = await api.run(caller, SAVE_LINK, { input: { title: 'New', url: 'https://new.example' } });
    expect(added.errors).toBeUndefined();
    for (const id of ['legacy-1', 'legacy-2', added.data?.saveLink.linkId]) {
      expect((await api.run(caller, DELETE_LINK, { id })).errors).toBeUndefined();
    }
    expect(await api.item(api.tables.users, { user_id: sub })).toMatchObject({ link_count: 0 });
  });
});
