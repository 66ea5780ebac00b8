// Leaving ProLynk in the seed's REST style, through the local HTTP API (routes, JWT authorizer,
// the REST shim, AppSync, the export Lambda, DynamoDB, s3rver): exact statuses and JSON shapes.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { restClient } from '../support/restClient.ts';
import { signUpUser } from '../support/tokens.ts';
import type { TestUser } from '../support/tokens.ts';

const stack = inject('localStack');
const call = restClient(stack.restUrl as string);

let owner: TestUser;
let username: string;

beforeAll(async () => {
  owner = await signUpUser(stack);
  username = `ac${randomUUID().slice(0, 8)}`;
  const saved = await call('POST', '/profiles', {
    token: owner.accessToken,
    body: { username, full_name: 'Contract' },
  });
  expect(saved.status).toBe(200);
  await call('POST', '/links', { token: owner.accessToken, body: { title: 'Blog', url: 'https://blog.example' } });
});

describe('GET /users/me/export', () => {
  it('401 without a token', async () => {
    expect((await call('GET', '/users/me/export')).status).toBe(401);
  });

  it('200 {url, expires_at}: a 15-minute link to the JSON export; a second export within the minute is 409', async () => {
    const first = await call('GET', '/users/me/export', { token: owner.accessToken });

    expect(first).toEqual({ status: 200, body: { url: expect.any(String), expires_at: expect.any(String) } });
    const minutes = (Date.parse(first.body.expires_at) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const document = await (await fetch(first.body.url)).json();
    expect(document).toMatchObject({
      userId: owner.sub,
      account: { user_id: owner.sub, username },
      profile: { username, full_name: 'Contract' },
      links: [{ title: 'Blog', is_deleted: false }],
      uploads: [],
    });

    expect(await call('GET', '/users/me/export', { token: owner.accessToken })).toEqual({
      status: 409,
      body: {
        error: 'Conflict',
        message: expect.stringMatching(/^You can export your account once a minute; try again after /),
      },
    });
  });
});

describe('DELETE /users/me', () => {
  it('401 without a token, 400 without the confirmation or with a wrong one', async () => {
    expect((await call('DELETE', '/users/me', { body: { username } })).status).toBe(401);
    expect(await call('DELETE', '/users/me', { token: owner.accessToken })).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'The request body must be a JSON object.' },
    });
    expect(
      (await call('DELETE', '/users/me', { token: owner.accessToken, body: { username: 'someone' } })).status,
    ).toBe(400);
    expect((await call('GET', `/profiles/${username}`)).status).toBe(200);
  });

  it('202 {"message": "Account deletion started"}; the profile is gone at once', async () => {
    expect(await call('DELETE', '/users/me', { token: owner.idToken, body: { username } })).toEqual({
      status: 202,
      body: { message: 'Account deletion started' },
    });
    expect(await call('GET', `/profiles/${username}`)).toEqual({
      status: 404,
      body: { error: 'Not Found', message: 'Profile not found' },
    });
    expect((await call('GET', '/users/me', { token: owner.accessToken })).status).toBe(401);
  });
});
