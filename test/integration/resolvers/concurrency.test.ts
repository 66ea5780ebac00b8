import { beforeAll, describe, expect, it } from 'vitest';
import { cognitoCaller } from '../../support/callers.ts';
import { localApi, uniqueName } from '../../support/localApi.ts';

const SAVE = 'mutation Save($input: ProfileInput!) { saveProfile(input: $input) { username fullName title } }';

let api: ReturnType<typeof localApi>;
beforeAll(() => {
  api = localApi();
});

describe('username uniqueness under concurrency', () => {
  it('20 parallel claims of one name give exactly one owner and 19 Conflicts', async () => {
    const name = uniqueName('race');
    const callers = Array.from({ length: 20 }, () => cognitoCaller());

    const results = await Promise.all(callers.map((caller) => api.run(caller, SAVE, { input: { username: name } })));

    const winners = results.flatMap((res, i) => (res.errors ? [] : [i]));
    const conflicts = results.filter((res) => res.errors?.[0]?.errorType === 'Conflict');
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    const winnerSub = (callers[winners[0]].identity as { sub: string }).sub;
    expect(await api.item(api.tables.profiles, { username: name })).toMatchObject({ user_id: winnerSub });
    const accounts = await Promise.all(
      callers.map((c) => api.item(api.tables.users, { user_id: (c.identity as { sub: string }).sub })),
    );
    expect(accounts.filter((a) => a !== null)).toEqual([
      expect.objectContaining({ user_id: winnerSub, username: name }),
    ]);
  });

  it('two parallel partial updates of different fields are both kept', async () => {
    const caller = cognitoCaller();
    const name = uniqueName('both');
    await api.run(caller, SAVE, { input: { username: name } });

    const [a, b] = await Promise.all([
      api.run(caller, SAVE, { input: { fullName: 'Ada Lovelace' } }),
      api.run(caller, SAVE, { input: { title: 'Analyst' } }),
    ]);

    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(await api.item(api.tables.profiles, { username: name })).toMatchObject({
      full_name: 'Ada Lovelace',
      title: 'Analyst',
    });
  });
});
