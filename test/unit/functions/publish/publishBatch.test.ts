import { describe, expect, it } from 'vitest';
import type { ProfileEventInput } from '../../../../generated/graphql.ts';
import { publishBatch } from '../../../../functions/publish/publishBatch.ts';
import type { ProfileStore } from '../../../../functions/publish/profileStore.ts';
import type { DynamoDBStreamRecord } from '../../../../functions/publish/streamEvent.ts';
import { TABLES, linkRow, profileRow, streamRecord } from './streamRecords.ts';

type Item = Record<string, unknown>;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The tables' current state, in memory, counting reads. */
function fakeStore(state: { users?: Record<string, string>; profiles?: Item[]; links?: Item[] }) {
  const reads: string[] = [];
  const store: ProfileStore = {
    currentUsername: async (userId) => {
      reads.push(`user:${userId}`);
      return state.users?.[userId] ?? null;
    },
    profile: async (username) => {
      reads.push(`profile:${username}`);
      return state.profiles?.find((p) => p.username === username) ?? null;
    },
    links: async (userId) => {
      reads.push(`links:${userId}`);
      return (state.links ?? []).filter((l) => l.user_id === userId);
    },
  };
  return { store, reads };
}

async function run(
  records: DynamoDBStreamRecord[],
  store: ProfileStore,
  publish?: (input: ProfileEventInput) => Promise<void>,
) {
  const published: ProfileEventInput[] = [];
  const result = await publishBatch(records, {
    tables: TABLES,
    store,
    logger: quiet,
    publish: publish ?? (async (input) => void published.push(input)),
  });
  return { published, result };
}

const seq = (record: DynamoDBStreamRecord) => record.dynamodb?.SequenceNumber as string;

describe('publishing a batch of profile and link changes', () => {
  it('publishes UPDATED with the public view: hidden email, phone and resume and the date of birth never appear', async () => {
    const row = profileRow('ada', 'u1');
    const { store } = fakeStore({
      profiles: [row],
      links: [
        linkRow('u1', 'b', { order: 2 }),
        linkRow('u1', 'a', { order: 1 }),
        linkRow('u1', 'gone', { is_deleted: true }),
      ],
    });
    const { published, result } = await run([streamRecord('profiles', 'MODIFY', { new: row })], store);

    expect(result.batchItemFailures).toEqual([]);
    expect(published).toHaveLength(1);
    const [event] = published;
    expect(event).toMatchObject({
      username: 'ada',
      kind: 'UPDATED',
      renamedTo: null,
      occurredAt: '2023-11-14T22:13:20.000Z',
    });
    const json = event.profile as string;
    for (const secret of ['ada.hidden@example.com', '+44 20 7946 0000', '1815-12-10', 'cv.pdf', 'u1'])
      expect(json).not.toContain(secret);
    const profile = JSON.parse(json);
    expect(profile).toMatchObject({
      username: 'ada',
      fullName: 'Ada Lovelace',
      email: null,
      phone: null,
      dateOfBirth: null,
      resumeUrl: null,
      isOwner: false,
    });
    expect(profile).not.toHaveProperty('userId');
    expect(profile.links.map((l: { linkId: string }) => l.linkId)).toEqual(['a', 'b']);
  });

  it('shows contact details the owner chose to show', async () => {
    const row = profileRow('ada', 'u1', { show_email: true, show_phone: true });
    const { store } = fakeStore({ profiles: [row] });
    const { published } = await run([streamRecord('profiles', 'INSERT', { new: row })], store);
    expect(JSON.parse(published[0].profile as string)).toMatchObject({
      email: 'ada.hidden@example.com',
      phone: '+44 20 7946 0000',
      dateOfBirth: null,
    });
  });

  it('publishes a rename as UPDATED for the new name and RENAMED for the old one, carrying the new public view', async () => {
    const renamed = profileRow('ada-l', 'u1');
    const { store } = fakeStore({ users: { u1: 'ada-l' }, profiles: [renamed] });
    const records = [
      streamRecord('profiles', 'INSERT', { new: renamed }),
      streamRecord('profiles', 'REMOVE', { old: profileRow('ada', 'u1') }),
    ];
    const { published } = await run(records, store);
    expect(published.map((e) => [e.kind, e.username, e.renamedTo])).toEqual([
      ['UPDATED', 'ada-l', null],
      ['RENAMED', 'ada', 'ada-l'],
    ]);
    expect(JSON.parse(published[1].profile as string)).toMatchObject({
      username: 'ada-l',
      email: null,
      dateOfBirth: null,
    });
  });

  it('publishes DELETED with no profile when the owner no longer holds another name', async () => {
    for (const users of [{}, { u1: 'ada' }] as Record<string, string>[]) {
      const { store } = fakeStore({ users });
      const { published } = await run([streamRecord('profiles', 'REMOVE', { old: profileRow('ada', 'u1') })], store);
      expect(published).toEqual([
        { username: 'ada', kind: 'DELETED', renamedTo: null, profile: null, occurredAt: '2023-11-14T22:13:20.000Z' },
      ]);
    }
  });

  it("publishes LINKS_CHANGED for the owner's current username, and nothing for an owner without one", async () => {
    const { store } = fakeStore({
      users: { u1: 'ada' },
      profiles: [profileRow('ada', 'u1')],
      links: [linkRow('u1', 'l1')],
    });
    const { published } = await run(
      [
        streamRecord('links', 'INSERT', { new: linkRow('u1', 'l1') }),
        streamRecord('links', 'INSERT', { new: linkRow('u9', 'l1') }),
      ],
      store,
    );
    expect(published.map((e) => [e.kind, e.username])).toEqual([['LINKS_CHANGED', 'ada']]);
    expect(JSON.parse(published[0].profile as string).links).toEqual([
      expect.objectContaining({ linkId: 'l1', title: 'Link l1' }),
    ]);
  });

  it('sends one event per username per batch and reads the state once', async () => {
    const row = profileRow('ada', 'u1');
    const { store, reads } = fakeStore({ users: { u1: 'ada' }, profiles: [row], links: [linkRow('u1', 'l1')] });
    const records = [
      streamRecord('profiles', 'MODIFY', { new: row }),
      streamRecord('links', 'INSERT', { new: linkRow('u1', 'l1') }),
      streamRecord('profiles', 'MODIFY', { new: row }),
      streamRecord('links', 'MODIFY', { new: linkRow('u1', 'l1') }),
    ];
    const { published } = await run(records, store);
    expect(published.map((e) => [e.kind, e.username])).toEqual([['UPDATED', 'ada']]);
    expect(reads.sort()).toEqual(['links:u1', 'profile:ada', 'user:u1']);
  });

  it('publishes nothing for a name deleted later in the batch except its deletion', async () => {
    const { store } = fakeStore({});
    const records = [
      streamRecord('profiles', 'MODIFY', { new: profileRow('ada', 'u1') }),
      streamRecord('profiles', 'REMOVE', { old: profileRow('ada', 'u1') }),
    ];
    const { published } = await run(records, store);
    expect(published.map((e) => e.kind)).toEqual(['DELETED']);
  });

  it("publishes a freed name claimed again as DELETED, then UPDATED with the new owner's profile", async () => {
    const claimed = profileRow('ada', 'u2', { full_name: 'Another Ada' });
    const { store } = fakeStore({ users: { u1: 'ada-l', u2: 'ada' }, profiles: [claimed] });
    const records = [
      streamRecord('profiles', 'MODIFY', { new: profileRow('ada', 'u1') }),
      streamRecord('profiles', 'REMOVE', { old: profileRow('ada', 'u1') }),
      streamRecord('profiles', 'INSERT', { new: claimed }),
    ];
    const { published } = await run(records, store);
    expect(published.map((e) => [e.kind, e.username])).toEqual([
      ['RENAMED', 'ada'],
      ['UPDATED', 'ada'],
    ]);
    expect(JSON.parse(published[1].profile as string).fullName).toBe('Another Ada');
  });

  it('reports the records of an event that failed to publish, and of every later one, without publishing those', async () => {
    const { store } = fakeStore({
      users: { u1: 'ada', u2: 'bob', u3: 'cy' },
      profiles: [profileRow('ada', 'u1'), profileRow('bob', 'u2'), profileRow('cy', 'u3')],
    });
    const records = [
      streamRecord('profiles', 'MODIFY', { new: profileRow('ada', 'u1') }),
      streamRecord('profiles', 'MODIFY', { new: profileRow('bob', 'u2') }),
      streamRecord('profiles', 'MODIFY', { new: profileRow('cy', 'u3') }),
    ];
    const attempted: string[] = [];
    const { result } = await run(records, store, async (input) => {
      attempted.push(input.username);
      if (input.username === 'bob') throw new Error('AppSync said no');
    });
    expect(attempted).toEqual(['ada', 'bob']);
    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: seq(records[1]) },
      { itemIdentifier: seq(records[2]) },
    ]);
  });

  it('reports the records whose state could not be read', async () => {
    const { store } = fakeStore({ profiles: [profileRow('ada', 'u1')] });
    const failing: ProfileStore = {
      ...store,
      links: async () => {
        throw new Error('throttled');
      },
    };
    const record = streamRecord('profiles', 'MODIFY', { new: profileRow('ada', 'u1') });
    const { published, result } = await run([record], failing);
    expect(published).toEqual([]);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: seq(record) }]);
  });

  it('answers an empty batch with no failures', async () => {
    const { result } = await run([], fakeStore({}).store);
    expect(result).toEqual({ batchItemFailures: [] });
  });
});
