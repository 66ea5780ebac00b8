// Users keep their accounts (docs/architecture.md §3): the seed's user pool is adopted,
// not recreated, so a seed-era user signs in with the password they always had, and finds a
// working account on the first `me` or `saveProfile` even when the seed left no users row or no
// claimed name. Users are created in cognito-local the way the seed's pool holds them (email as
// the sign-in name, the seed's custom attributes), by an administrator, so none of our Cognito
// triggers runs; their profile rows are written as the seed's profiles Lambda wrote them.
import { randomUUID } from 'node:crypto';
import { AdminCreateUserCommand, AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../../local/index.ts';
import { saveProfile } from '../../../ops/seedLegacy/seedLambdas.ts';
import { graphqlClient } from '../../support/graphqlClient.ts';
import { restClient } from '../../support/restClient.ts';
import { cognitoClient, signIn } from '../../support/tokens.ts';

const stack = inject('localStack');
const gql = graphqlClient(stack.graphqlUrl);
const dynamoDb = localDynamoDbClient(stack.dynamoDbEndpoint);
const SEED_PASSWORD = 'Seed-Era-Passw0rd!';
const ME = '{ me { userId username email profileComplete fullName } myProfile { username bio } }';

afterAll(() => dynamoDb.destroy());

/** A confirmed seed-era user in the pool, with the seed's attributes; no trigger runs. */
async function seedEraUser(attributes: Record<string, string>) {
  const email = `seed-${randomUUID()}@example.com`;
  const cognito = cognitoClient(stack);
  try {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: stack.userPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        TemporaryPassword: 'Temporary-Passw0rd!',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          ...Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
        ],
      }),
    );
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: stack.userPoolId,
        Username: email,
        Password: SEED_PASSWORD,
        Permanent: true,
      }),
    );
  } finally {
    cognito.destroy();
  }
  return signIn(stack, email, SEED_PASSWORD);
}

async function row(table: string, key: Record<string, string>) {
  const out = await dynamoDb.send(new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }));
  return out.Item ? unmarshall(out.Item) : null;
}

const rest = restClient(stack.restUrl as string);

describe('a seed-era user', () => {
  it('with a seed profile but no users row: signs in with the old password, and me and saveProfile give a working account', async () => {
    const username = `SeedUser${randomUUID().slice(0, 6)}`;
    const user = await seedEraUser({
      'custom:username': username,
      'custom:fullname': 'Seed Person',
      'custom:date_of_birth': '1990-05-14',
    });
    expect(await row('prolynk-users', { user_id: user.sub })).toBeNull();
    const at = '2023-05-01T12:00:00.123456+00:00';
    const profile = saveProfile(
      null,
      user.sub,
      { username, full_name: 'Seed Person', bio: 'from the seed', projects: [{ title: 'Old' }] },
      at,
      'v1',
    );
    await dynamoDb.send(new PutItemCommand({ TableName: 'prolynk-profiles', Item: marshall(profile) }));

    const me = await rest('GET', '/users/me', { token: user.accessToken });
    expect(me).toEqual({ status: 200, body: expect.objectContaining({ user_id: user.sub, profile_complete: false }) });

    const saved = await rest('POST', '/profiles', { token: user.accessToken, body: { username, title: 'Still here' } });
    expect(saved.status).toBe(200);
    expect(saved.body.profile).toMatchObject({
      username,
      bio: 'from the seed',
      title: 'Still here',
      full_name: 'Seed Person',
    });
    expect(await row('prolynk-users', { user_id: user.sub })).toMatchObject({ username, profile_complete: true });
    expect(await row('prolynk-profiles', { username: username.toLowerCase() })).toBeNull();

    const after = await gql.post(ME, {}, { authorization: user.accessToken });
    expect(after.body).toEqual({
      data: {
        me: { userId: user.sub, username, email: null, profileComplete: true, fullName: 'Seed Person' },
        myProfile: { username, bio: 'from the seed' },
      },
    });
    expect(
      (await rest('POST', '/links', { token: user.accessToken, body: { title: 'Blog', url: 'https://blog.example' } }))
        .status,
    ).toBe(200);
    const publicView = await fetch(`${stack.restUrl}/profiles/${username}`).then((r) => r.json());
    expect(publicView).toMatchObject({
      username,
      title: 'Still here',
      links: [{ title: 'Blog', url: 'https://blog.example' }],
    });
  });

  it('with no rows at all and no claimed name: me creates the account (email from the ID token), saveProfile claims a name', async () => {
    const user = await seedEraUser({ 'custom:fullname': 'Nameless Seed' });
    const me = await gql.post(ME, {}, { authorization: user.idToken });
    expect(me.body).toEqual({
      data: {
        me: { userId: user.sub, username: null, email: user.email, profileComplete: false, fullName: 'Nameless Seed' },
        myProfile: null,
      },
    });

    const name = `claimed${randomUUID().slice(0, 6)}`;
    const saved = await rest('POST', '/profiles', {
      token: user.accessToken,
      body: { username: name, bio: 'new here' },
    });
    expect(saved.status).toBe(200);
    expect(await rest('GET', '/users/me', { token: user.accessToken })).toMatchObject({
      status: 200,
      body: { user_id: user.sub, username: name, email: user.email, profile_complete: true },
    });
  });
});
