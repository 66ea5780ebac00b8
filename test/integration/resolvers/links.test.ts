import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyCaller, cognitoCaller } from '../../support/callers.ts';
import { localApi, uniqueName } from '../../support/localApi.ts';

const SAVE_PROFILE = 'mutation Save($input: ProfileInput!) { saveProfile(input: $input) { username } }';
const SAVE_LINK =
  'mutation L($input: LinkInput!) { saveLink(input: $input) { linkId title url order isDeleted createdAt updatedAt } }';
const DELETE_LINK = 'mutation D($id: ID!) { deleteLink(linkId: $id) { linkId title isDeleted } }';
const LINKS = 'query P($u: String!) { profile(username: $u) { links { title order } } }';

let api: ReturnType<typeof localApi>;
beforeAll(() => {
  api = localApi();
});

async function member() {
  const caller = cognitoCaller();
  const name = uniqueName('lnk');
  const res = await api.run(caller, SAVE_PROFILE, { input: { username: name } });
  expect(res.errors).toBeUndefined();
  return { caller, name, sub: (caller.identity as { sub: string }).sub };
}

async function addLink(caller: ReturnType<typeof cognitoCaller>, input: Record<string, unknown>) {
  const res = await api.run(caller, SAVE_LINK, { input });
  expect(res.errors).toBeUndefined();
  return res.data?.saveLink;
}

describe('links', () => {
  it('creates, updates and soft-deletes links; the profile lists live links by order', async () => {
    const { caller, name, sub } = await member();
    const b = await addLink(caller, { title: 'B', url: 'https://b.example', order: 2 });
    await addLink(caller, { title: 'A', url: 'https://a.example', order: 1 });
    const c = await addLink(caller, { title: 'C', url: 'https://c.example', order: 3 });
    expect(b).toMatchObject({ title: 'B', order: 2, isDeleted: false });

    const updated = await addLink(caller, { linkId: c.linkId, title: 'C2', url: 'https://c2.example', order: 0 });
    const deleted = await api.run(caller, DELETE_LINK, { id: b.linkId });

    expect(updated).toMatchObject({ linkId: c.linkId, title: 'C2', order: 0, createdAt: c.createdAt });
    expect(deleted.data?.deleteLink).toEqual({ linkId: b.linkId, title: 'B', isDeleted: true });
    expect(await api.item(api.tables.links, { user_id: sub, link_id: b.linkId })).toMatchObject({ is_deleted: true });
    const listed = await api.run(apiKeyCaller(), LINKS, { u: name });
    expect(listed.data?.profile.links).toEqual([
      { title: 'C2', order: 0 },
      { title: 'A', order: 1 },
    ]);
    expect(await api.item(api.tables.users, { user_id: sub })).toMatchObject({ link_count: 2 });
  });

  it("creates a link under a new client-chosen id, and another user's id is a new link of the caller's own", async () => {
    const owner = await member();
    const intruder = await member();
    const chosen = await addLink(owner.caller, { linkId: 'my-own-id', title: 'Chosen', url: 'https://chosen.example' });
    const link = await addLink(owner.caller, { title: 'Mine', url: 'https://mine.example' });

    const theirs = await addLink(intruder.caller, { linkId: link.linkId, title: 'Copy', url: 'https://copy.example' });

    expect(chosen).toMatchObject({ linkId: 'my-own-id', title: 'Chosen', order: 0, isDeleted: false });
    expect(await api.item(api.tables.links, { user_id: owner.sub, link_id: 'my-own-id' })).toMatchObject({
      in_link_count: true,
      is_deleted: false,
    });
    expect(theirs).toMatchObject({ linkId: link.linkId, title: 'Copy' });
    expect(await api.item(api.tables.links, { user_id: owner.sub, link_id: link.linkId })).toMatchObject({
      title: 'Mine',
      url: 'https://mine.example',
    });
    expect(await api.item(api.tables.users, { user_id: owner.sub })).toMatchObject({ link_count: 2 });
    expect(await api.item(api.tables.users, { user_id: intruder.sub })).toMatchObject({ link_count: 1 });
  });

  it('creates a deleted link again under its id, counting it once more; a live one is updated in place', async () => {
    const { caller, sub } = await member();
    const link = await addLink(caller, { linkId: 'again', title: 'First', url: 'https://first.example', order: 4 });
    expect((await api.run(caller, DELETE_LINK, { id: 'again' })).errors).toBeUndefined();

    const recreated = await addLink(caller, { linkId: 'again', title: 'Second', url: 'https://second.example' });
    const updated = await addLink(caller, { linkId: 'again', title: 'Third', url: 'https://third.example' });

    expect(recreated).toMatchObject({ linkId: 'again', title: 'Second', order: 0, isDeleted: false });
    expect(recreated.createdAt >= link.createdAt).toBe(true);
    expect(updated).toMatchObject({ linkId: 'again', title: 'Third', createdAt: recreated.createdAt });
    expect(await api.item(api.tables.users, { user_id: sub })).toMatchObject({ link_count: 1 });
  });

  it('creates a client-chosen id once when saves race: the others update it or lose with Conflict', async () => {
    const { caller, sub } = await member();
    const input = (i: number) => ({ linkId: 'raced', title: `T${i}`, url: 'https://raced.example' });
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => api.run(caller, SAVE_LINK, { input: input(i) })));

    for (const res of results) {
      if (res.errors)
        expect(res.errors[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { field: 'input.linkId' } });
    }
    expect(results.some((res) => res.errors === undefined)).toBe(true);
    expect(await api.item(api.tables.users, { user_id: sub })).toMatchObject({ link_count: 1 });
  });

  it("answers NotFound deleting another user's link, an unknown link or a deleted one, and changes nothing", async () => {
    const owner = await member();
    const intruder = await member();
    const link = await addLink(owner.caller, { title: 'Mine', url: 'https://mine.example' });

    const remove = await api.run(intruder.caller, DELETE_LINK, { id: link.linkId });
    const unknown = await api.run(owner.caller, DELETE_LINK, { id: 'does-not-exist' });
    await api.run(owner.caller, DELETE_LINK, { id: link.linkId });
    const again = await api.run(owner.caller, DELETE_LINK, { id: link.linkId });

    for (const res of [remove, unknown, again]) {
      expect(res.errors?.[0]).toMatchObject({ errorType: 'NotFound', message: 'Link not found.' });
    }
    expect(await api.item(api.tables.links, { user_id: owner.sub, link_id: link.linkId })).toMatchObject({
      title: 'Mine',
      is_deleted: true,
    });
    expect(await api.item(api.tables.users, { user_id: owner.sub })).toMatchObject({ link_count: 0 });
  });

  it.each([
    [{ title: ' ', url: 'https://a.example' }, 'input.title'],
    [{ title: 'x'.repeat(101), url: 'https://a.example' }, 'input.title'],
    [{ title: 'X', url: 'javascript:alert(1)' }, 'input.url'],
    [{ title: 'X', url: 'https://a.example', order: -1 }, 'input.order'],
    [{ linkId: 'bad id!', title: 'X', url: 'https://a.example' }, 'input.linkId'],
  ])('refuses %j with BadRequest naming %s and writes nothing', async (input, field) => {
    const { caller, sub } = await member();

    const res = await api.run(caller, SAVE_LINK, { input });

    expect(res.errors?.[0]).toMatchObject({ errorType: 'BadRequest', errorInfo: { field } });
    expect(await api.item(api.tables.users, { user_id: sub })).not.toHaveProperty('link_count');
  });

  it('refuses links before the caller has an account', async () => {
    const res = await api.run(cognitoCaller(), SAVE_LINK, { input: { title: 'Early', url: 'https://early.example' } });
    expect(res.errors?.[0]).toMatchObject({
      errorType: 'BadRequest',
      message: 'Save your profile (claim a username) before adding links.',
    });
  });

  it('stops at 100 live links and accepts a new one after a delete', async () => {
    const { caller } = await member();
    const links = await Promise.all(
      Array.from({ length: 100 }, (_, i) => addLink(caller, { title: `L${i}`, url: `https://l${i}.example` })),
    );

    const over = await api.run(caller, SAVE_LINK, { input: { title: 'L100', url: 'https://l100.example' } });
    await api.run(caller, DELETE_LINK, { id: links[0].linkId });
    const after = await api.run(caller, SAVE_LINK, { input: { title: 'L100', url: 'https://l100.example' } });

    expect(over.errors?.[0]).toMatchObject({
      errorType: 'BadRequest',
      message: 'You can have at most 100 links; delete one first.',
    });
    expect(after.errors).toBeUndefined();
  });
});
