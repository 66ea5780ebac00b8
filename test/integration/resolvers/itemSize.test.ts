// DynamoDB refuses items over 400 KB, counted in UTF-8 bytes. Per-character bounds alone let a
// profile of multi-byte text reach ~840 KiB; such an input must be a BadRequest that writes
// nothing, while the largest accepted profile must still be stored.
import { beforeAll, describe, expect, it } from 'vitest';
import { cognitoCaller } from '../../support/callers.ts';
import { localApi, uniqueName } from '../../support/localApi.ts';

const SAVE = 'mutation Save($input: ProfileInput!) { saveProfile(input: $input) { username updatedAt } }';
const cjk = (n: number) => '語'.repeat(n);

let api: ReturnType<typeof localApi>;
beforeAll(() => {
  api = localApi();
});

async function member() {
  const caller = cognitoCaller();
  const name = uniqueName('big');
  const res = await api.run(caller, SAVE, { input: { username: name } });
  expect(res.errors).toBeUndefined();
  return { caller, name };
}

describe('profile item size', () => {
  it('refuses projects that would push the item over 400 KB with BadRequest, writing nothing', async () => {
    const { caller, name } = await member();
    const before = await api.item(api.tables.profiles, { username: name });
    const projects = Array.from({ length: 50 }, (_, i) => ({
      id: `p${i}`,
      title: cjk(120),
      description: cjk(1000),
      link: `https://x.example/${cjk(2000)}`,
      techStack: Array.from({ length: 30 }, () => cjk(50)),
    }));

    const res = await api.run(caller, SAVE, { input: { projects } });

    expect(res.errors?.[0]).toMatchObject({ errorType: 'BadRequest', errorInfo: { field: 'input.projects' } });
    expect(await api.item(api.tables.profiles, { username: name })).toEqual(before);
  });

  it('stores the largest profile every field bound allows at once (multi-byte text everywhere)', async () => {
    const { caller, name } = await member();
    // Fill each list up to (just under) its byte budget, and every text field to its maximum.
    const projects = Array.from({ length: 50 }, (_, i) => ({
      id: `p${i}`,
      title: cjk(120),
      description: cjk(1000),
      techStack: Array.from({ length: 4 }, () => cjk(50)),
    }));
    const socialLinks = Array.from({ length: 20 }, (_, i) => ({
      platform: `p${i}`,
      url: `https://x.example/${cjk(900)}`,
    }));
    const input = {
      fullName: cjk(100),
      title: cjk(120),
      bio: cjk(2000),
      favoriteColor: cjk(30),
      skills: Array.from({ length: 50 }, () => cjk(50)),
      projects,
      socialLinks,
    };

    const res = await api.run(caller, SAVE, { input });

    expect(res.errors).toBeUndefined();
    expect(await api.item(api.tables.profiles, { username: name })).toMatchObject({ bio: cjk(2000) });
  });
});
