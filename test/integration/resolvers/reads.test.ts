import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyCaller, cognitoCaller, iamCaller } from '../../support/callers.ts';
import { localApi, uniqueName } from '../../support/localApi.ts';

const SAVE = 'mutation Save($input: ProfileInput!) { saveProfile(input: $input) { username } }';
const PROFILE = `query P($u: String!) { profile(username: $u) {
  username fullName email phone showEmail showPhone showResume resumeUrl resumeKey dateOfBirth isOwner links { title }
} }`;

let api: ReturnType<typeof localApi>;
beforeAll(() => {
  api = localApi();
});

async function publishedProfile(flags: Record<string, boolean>) {
  const owner = cognitoCaller();
  const sub = (owner.identity as { sub: string }).sub;
  const name = uniqueName('pub');
  const res = await api.run(owner, SAVE, {
    input: {
      username: name,
      fullName: 'Grace',
      email: 'grace@example.com',
      phone: '+44 20 7946 0958',
      dateOfBirth: '1906-12-09',
      resumeKey: `users/${sub}/resume/cv.pdf`,
      ...flags,
    },
  });
  expect(res.errors).toBeUndefined();
  return { owner, name };
}

describe('Query.profile', () => {
  it('shows the public nothing private when every flag is off', async () => {
    const { name } = await publishedProfile({ showEmail: false, showPhone: false, showResume: false });

    const res = await api.run(apiKeyCaller(), PROFILE, { u: name });

    expect(res.errors).toBeUndefined();
    expect(res.data?.profile).toMatchObject({
      username: name,
      fullName: 'Grace',
      email: null,
      phone: null,
      resumeUrl: null,
      resumeKey: null,
      dateOfBirth: null,
      isOwner: false,
      links: [],
    });
  });

  it('shows what the owner chose to show, to API key and IAM callers alike, but never the date of birth', async () => {
    const { name } = await publishedProfile({ showEmail: true, showPhone: true, showResume: true });

    for (const caller of [apiKeyCaller(), iamCaller(), cognitoCaller()]) {
      const res = await api.run(caller, PROFILE, { u: name });
      expect(res.data?.profile).toMatchObject({
        email: 'grace@example.com',
        phone: '+44 20 7946 0958',
        dateOfBirth: null,
        isOwner: false,
      });
      expect(res.data?.profile.resumeUrl).toContain('/resume/cv.pdf');
    }
  });

  it('shows the owner everything whatever the flags', async () => {
    const { owner, name } = await publishedProfile({ showEmail: false, showPhone: false, showResume: false });

    const res = await api.run(owner, PROFILE, { u: name.toUpperCase() });

    expect(res.data?.profile).toMatchObject({
      email: 'grace@example.com',
      phone: '+44 20 7946 0958',
      dateOfBirth: '1906-12-09',
      isOwner: true,
    });
  });

  it('answers null without an error for unknown and malformed names', async () => {
    for (const u of [uniqueName('none'), 'x', 'bad name!']) {
      const res = await api.run(apiKeyCaller(), PROFILE, { u });
      expect(res).toEqual({ data: { profile: null } });
    }
  });
});

describe('Query.usernameAvailable', () => {
  const CHECK = 'query C($u: String!) { usernameAvailable(username: $u) { username available reason message } }';

  it('reports free, taken, reserved and invalid names without an error', async () => {
    const { name } = await publishedProfile({});
    const free = uniqueName('free');

    const answers = await Promise.all(
      [free, name.toUpperCase(), 'Admin', 'no spaces'].map((u) => api.run(apiKeyCaller(), CHECK, { u })),
    );

    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(answers.map((a) => a.data?.usernameAvailable)).toEqual([
      { username: free, available: true, reason: null, message: null },
      { username: name, available: false, reason: 'TAKEN', message: `"${name}" is taken.` },
      { username: 'admin', available: false, reason: 'RESERVED', message: '"admin" is reserved.' },
      {
        username: 'no spaces',
        available: false,
        reason: 'INVALID',
        message: expect.stringContaining('lowercase letters'),
      },
    ]);
  });
});

describe('Query.me and Query.myProfile', () => {
  it('give a signed-in caller without an account a new account row (me) and no profile (myProfile)', async () => {
    const caller = cognitoCaller();
    const res = await api.run(caller, '{ me { userId username profileComplete } myProfile { username } }');
    const sub = (caller.identity as { sub: string }).sub;
    expect(res).toEqual({ data: { me: { userId: sub, username: null, profileComplete: false }, myProfile: null } });
  });

  it("return the caller's account status and full profile", async () => {
    const { owner, name } = await publishedProfile({ showEmail: false });
    const sub = (owner.identity as { sub: string }).sub;

    const res = await api.run(
      owner,
      '{ me { userId username profileComplete fullName dateOfBirth } myProfile { username email dateOfBirth isOwner } }',
    );

    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      me: { userId: sub, username: name, profileComplete: true, fullName: 'Grace', dateOfBirth: '1906-12-09' },
      myProfile: { username: name, email: 'grace@example.com', dateOfBirth: '1906-12-09', isOwner: true },
    });
  });

  it('are refused to API key callers', async () => {
    const res = await api.run(apiKeyCaller(), '{ me { userId } }');
    expect(res.errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access me on type Query',
    });
  });
});
