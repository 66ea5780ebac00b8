// A user's journey through the running local stack over real sockets: cognito-local for sign-up and
// sign-in (AWS SDK), POST /graphql for everything else. Steps run in order and build on each other.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlClient } from '../../support/graphqlClient.ts';
import type { GraphqlClient } from '../../support/graphqlClient.ts';
import { signUpUser } from '../../support/tokens.ts';
import type { TestUser } from '../../support/tokens.ts';

const PROFILE_FIELDS =
  'username fullName title bio skills email phone showEmail showPhone showResume dateOfBirth isOwner';
const SAVE_PROFILE = `mutation Save($input: ProfileInput!) { saveProfile(input: $input) { ${PROFILE_FIELDS} } }`;
const PUBLIC_PROFILE = `query P($u: String!) { profile(username: $u) { ${PROFILE_FIELDS} links { title url order } } }`;
const MY_PROFILE = `query { myProfile { ${PROFILE_FIELDS} } }`;
const ME = 'query { me { userId username email profileComplete } }';
const AVAILABLE = 'query A($u: String!) { usernameAvailable(username: $u) { username available reason } }';
const SAVE_LINK =
  'mutation L($input: LinkInput!) { saveLink(input: $input) { linkId title url order isDeleted createdAt } }';
const DELETE_LINK = 'mutation D($id: ID!) { deleteLink(linkId: $id) { linkId isDeleted } }';

const stack = inject('localStack');
const suffix = randomUUID().slice(0, 8);
const firstName = `ada-${suffix}`;
const renamed = `ada_${suffix}_x`;
const secondName = `bob-${suffix}`;

let api: GraphqlClient;
let ada: TestUser;
let bob: TestUser;
const links: Record<string, string> = {};

// Amplify sends access tokens; the ID token is used for a few steps to show both are accepted.
const asAda = (token: 'access' | 'id' = 'access') => ({
  authorization: token === 'access' ? ada.accessToken : ada.idToken,
});
const asBob = () => ({ authorization: bob.accessToken });
const asPublic = () => ({ 'x-api-key': stack.apiKey });

async function ok(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const res = await api.post(query, variables, headers);
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
}

beforeAll(async () => {
  api = graphqlClient(stack.graphqlUrl);
  [ada, bob] = await Promise.all([signUpUser(stack), signUpUser(stack)]);
});

describe('a user journey over HTTP', () => {
  it('a confirmed user has an account without a username yet: me shows it incomplete, myProfile is null', async () => {
    expect(await ok(ME, {}, asAda())).toEqual({
      me: { userId: ada.sub, username: null, email: ada.email, profileComplete: false },
    });
    expect(await ok(MY_PROFILE, {}, asAda('id'))).toEqual({ myProfile: null });
  });

  it('claims a free username on the first save, stored trimmed and lowercase', async () => {
    expect((await ok(AVAILABLE, { u: firstName }, asPublic())).usernameAvailable).toEqual({
      username: firstName,
      available: true,
      reason: null,
    });

    const data = await ok(
      SAVE_PROFILE,
      {
        input: {
          username: `  ${firstName.toUpperCase()} `,
          fullName: 'Ada Lovelace',
          bio: 'Analyst',
          skills: ['math'],
          email: 'ada@example.com',
          phone: '+44 20 7946 0000',
          dateOfBirth: '1990-12-10',
        },
      },
      asAda(),
    );

    expect(data.saveProfile).toMatchObject({
      username: firstName,
      fullName: 'Ada Lovelace',
      showEmail: false,
      showPhone: false,
      isOwner: true,
    });
    expect((await ok(AVAILABLE, { u: firstName }, asPublic())).usernameAvailable).toEqual({
      username: firstName,
      available: false,
      reason: 'TAKEN',
    });
  });

  it('me answers with an access token and an ID token alike', async () => {
    const byAccess = await ok(ME, {}, asAda('access'));
    const byId = await ok(ME, {}, asAda('id'));

    expect(byAccess.me).toEqual({ userId: ada.sub, username: firstName, email: ada.email, profileComplete: true });
    expect(byId).toEqual(byAccess);
  });

  it('a partial update keeps omitted fields, replaces lists and clears explicit nulls', async () => {
    const data = await ok(
      SAVE_PROFILE,
      { input: { title: 'Engineer', skills: ['engines', 'poetry'], bio: null } },
      asAda(),
    );

    expect(data.saveProfile).toMatchObject({
      username: firstName,
      fullName: 'Ada Lovelace',
      title: 'Engineer',
      skills: ['engines', 'poetry'],
      bio: null,
      email: 'ada@example.com',
    });
  });

  it('the public view by API key hides contact details and the birth date until shown', async () => {
    const hidden = (await ok(PUBLIC_PROFILE, { u: firstName }, asPublic())).profile;
    await ok(SAVE_PROFILE, { input: { showEmail: true } }, asAda());
    const shown = (await ok(PUBLIC_PROFILE, { u: firstName }, asPublic())).profile;

    expect(hidden).toMatchObject({
      username: firstName,
      fullName: 'Ada Lovelace',
      email: null,
      phone: null,
      dateOfBirth: null,
      isOwner: false,
    });
    expect(shown).toMatchObject({
      email: 'ada@example.com',
      phone: null,
      dateOfBirth: null,
      showEmail: true,
      isOwner: false,
    });
  });

  it('the owner sees everything, through myProfile and through profile(username)', async () => {
    const mine = (await ok(MY_PROFILE, {}, asAda())).myProfile;
    const ownView = (await ok(PUBLIC_PROFILE, { u: firstName }, asAda('id'))).profile;

    for (const view of [mine, ownView]) {
      expect(view).toMatchObject({
        username: firstName,
        email: 'ada@example.com',
        phone: '+44 20 7946 0000',
        dateOfBirth: '1990-12-10',
        isOwner: true,
      });
    }
  });

  it('a rename frees the old name and takes the new one', async () => {
    const data = await ok(SAVE_PROFILE, { input: { username: renamed } }, asAda());

    expect(data.saveProfile).toMatchObject({ username: renamed, title: 'Engineer' });
    expect((await ok(AVAILABLE, { u: firstName }, asPublic())).usernameAvailable).toEqual({
      username: firstName,
      available: true,
      reason: null,
    });
    expect((await ok(AVAILABLE, { u: renamed }, asPublic())).usernameAvailable).toEqual({
      username: renamed,
      available: false,
      reason: 'TAKEN',
    });
    expect((await ok(PUBLIC_PROFILE, { u: firstName }, asPublic())).profile).toBeNull();
    expect((await ok(ME, {}, asAda())).me.username).toBe(renamed);
  });

  it('links are created, updated and soft-deleted; the profile lists live links by order', async () => {
    for (const [title, order] of [
      ['Blog', 2],
      ['GitHub', 1],
      ['Talk', 3],
    ] as const) {
      const created = (
        await ok(SAVE_LINK, { input: { title, url: `https://${title.toLowerCase()}.example`, order } }, asAda())
      ).saveLink;
      expect(created).toMatchObject({ title, order, isDeleted: false });
      links[title] = created.linkId;
    }

    const updated = (
      await ok(
        SAVE_LINK,
        { input: { linkId: links.Talk, title: 'Keynote', url: 'https://keynote.example', order: 0 } },
        asAda('id'),
      )
    ).saveLink;
    const deleted = (await ok(DELETE_LINK, { id: links.Blog }, asAda())).deleteLink;
    const listed = (await ok(PUBLIC_PROFILE, { u: renamed }, asPublic())).profile.links;

    expect(updated).toMatchObject({ linkId: links.Talk, title: 'Keynote', order: 0 });
    expect(deleted).toEqual({ linkId: links.Blog, isDeleted: true });
    expect(listed).toEqual([
      { title: 'Keynote', url: 'https://keynote.example', order: 0 },
      { title: 'GitHub', url: 'https://github.example', order: 1 },
    ]);
  });

  it("a second user cannot take the first user's name", async () => {
    const res = await api.post(SAVE_PROFILE, { input: { username: renamed, bio: 'hijack' } }, asBob());

    expect(res.status).toBe(200);
    expect(res.body.errors?.[0]).toMatchObject({ errorType: 'Conflict', path: ['saveProfile'] });
    expect((await ok(ME, {}, asBob())).me).toMatchObject({ userId: bob.sub, username: null, profileComplete: false });
  });

  it("a second user's saveProfile only ever touches their own profile", async () => {
    await ok(SAVE_PROFILE, { input: { username: secondName, bio: 'Bob here' } }, asBob());
    const bobs = (await ok(SAVE_PROFILE, { input: { title: 'Intruder', showEmail: false } }, asBob())).saveProfile;
    const adas = (await ok(PUBLIC_PROFILE, { u: renamed }, asPublic())).profile;

    expect(bobs).toMatchObject({ username: secondName, bio: 'Bob here', title: 'Intruder', isOwner: true });
    expect(adas).toMatchObject({ username: renamed, title: 'Engineer', showEmail: true, isOwner: false });
    expect((await ok(PUBLIC_PROFILE, { u: renamed }, asBob())).profile).toMatchObject({
      isOwner: false,
      phone: null,
      dateOfBirth: null,
    });
  });

  it("a second user's save under the first user's link id is a link of their own; their delete is NotFound", async () => {
    const copy = await api.post(
      SAVE_LINK,
      { input: { linkId: links.GitHub, title: 'Copied', url: 'https://copy.example' } },
      asBob(),
    );
    const remove = await api.post(DELETE_LINK, { id: links.Talk }, asBob());

    expect(copy.body.data?.saveLink).toMatchObject({ linkId: links.GitHub, title: 'Copied' });
    expect(remove.status).toBe(200);
    expect(remove.body.errors?.[0]).toMatchObject({ errorType: 'NotFound' });
    expect((await ok(PUBLIC_PROFILE, { u: renamed }, asPublic())).profile.links).toContainEqual({
      title: 'GitHub',
      url: 'https://github.example',
      order: 1,
    });
    expect((await ok(PUBLIC_PROFILE, { u: secondName }, asPublic())).profile.links).toEqual([
      { title: 'Copied', url: 'https://copy.example', order: 0 },
    ]);
  });
});
