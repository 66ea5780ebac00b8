// Sign-up through cognito-local runs the deployed Cognito triggers (pre-sign-up, post-confirmation)
// from their bundles via the local Lambda Invoke endpoint: the whole onboarding path, end to end.
import { randomUUID } from 'node:crypto';
import { AdminConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../../local/index.ts';
import { graphqlClient } from '../../support/graphqlClient.ts';
import { cognitoClient, signIn } from '../../support/tokens.ts';

const stack = inject('localStack');
const gql = graphqlClient(stack.graphqlUrl);
const dynamoDb = localDynamoDbClient(stack.dynamoDbEndpoint);
const PASSWORD = 'Local-Passw0rd!';

async function signUp(email: string, username?: string) {
  const cognito = cognitoClient(stack);
  try {
    const attributes = [
      { Name: 'email', Value: email },
      ...(username ? [{ Name: 'custom:username', Value: username }] : []),
    ];
    await cognito.send(
      new SignUpCommand({
        ClientId: stack.userPoolClientId,
        Username: email,
        Password: PASSWORD,
        UserAttributes: attributes,
      }),
    );
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: stack.userPoolId, Username: email }));
  } finally {
    cognito.destroy();
  }
  return signIn(stack, email);
}

async function item(table: string, key: Record<string, string>) {
  const out = await dynamoDb.send(
    new GetItemCommand({
      TableName: table,
      ConsistentRead: true,
      Key: Object.fromEntries(Object.entries(key).map(([k, v]) => [k, { S: v }])),
    }),
  );
  return out.Item ? unmarshall(out.Item) : null;
}

describe('sign-up and confirmation', () => {
  it('creates the users row and claims the username, and me returns them (access token)', async () => {
    const username = `new${randomUUID().slice(0, 8)}`;
    const email = `${username}@example.com`;

    const user = await signUp(email, username);
    const res = await gql.post(
      '{ me { userId username email profileComplete } myProfile { username } }',
      {},
      { authorization: user.accessToken },
    );

    expect(res.body).toEqual({
      data: { me: { userId: user.sub, username, email, profileComplete: false }, myProfile: { username } },
    });
    expect(await item('prolynk-profiles', { username })).toMatchObject({ user_id: user.sub, show_email: false });
  });

  it('refuses a sign-up whose username is taken, reserved or invalid, and creates nothing', async () => {
    const owner = `own${randomUUID().slice(0, 8)}`;
    await signUp(`${owner}@example.com`, owner);

    for (const username of [owner, 'admin', 'Bad Name']) {
      const email = `${randomUUID()}@example.com`;
      const cognito = cognitoClient(stack);
      const attempt = cognito.send(
        new SignUpCommand({
          ClientId: stack.userPoolClientId,
          Username: email,
          Password: PASSWORD,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'custom:username', Value: username },
          ],
        }),
      );
      await expect(attempt).rejects.toMatchObject({
        name: 'UserLambdaValidationException',
        message: expect.stringMatching(/^PreSignUp failed with error /),
      });
      cognito.destroy();
    }
  });

  it('lets a user who signed up without a username claim one with saveProfile', async () => {
    const user = await signUp(`plain-${randomUUID()}@example.com`);
    const username = `late${randomUUID().slice(0, 8)}`;
    expect(await item('prolynk-users', { user_id: user.sub })).toMatchObject({ profile_complete: false });

    const res = await gql.post(
      'mutation S($u: String!) { saveProfile(input: { username: $u }) { username } }',
      { u: username },
      { authorization: user.idToken },
    );

    expect(res.body).toEqual({ data: { saveProfile: { username } } });
    expect(await item('prolynk-users', { user_id: user.sub })).toMatchObject({
      username,
      profile_complete: true,
      email: user.email,
    });
  });
});
