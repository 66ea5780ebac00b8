// "Sign in with Google/LinkedIn" against the local stack over real HTTP: the pool's domain, the
// stand-in provider, the Cognito triggers from their deployed bundles, and tokens that the GraphQL
// endpoint and the REST API accept.
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, inject, it } from 'vitest';
import { graphqlClient } from '../../support/graphqlClient.ts';
import { cognitoClient } from '../../support/tokens.ts';
import { newIdentity, signInWith } from './signInFlow.ts';

const stack = inject('localStack');
const gql = graphqlClient(stack.graphqlUrl);
const ME = '{ me { userId username email fullName profileComplete } }';

describe('sign-in with Google, end to end', () => {
  it('creates google_<sub> through the triggers and issues tokens GraphQL and REST accept', async () => {
    const identity = { ...newIdentity('Ada Lovelace'), picture: 'https://example.com/ada.png' };

    const started = performance.now();
    const tokens = await signInWith(stack, 'Google', identity);
    const flowMs = performance.now() - started;

    expect(tokens.id).toMatchObject({
      token_use: 'id',
      aud: stack.userPoolClientId,
      iss: stack.cognitoIssuer,
      email: identity.email,
      email_verified: true,
      'custom:fullname': 'Ada Lovelace',
      'custom:picture': 'https://example.com/ada.png',
      'cognito:groups': [`${stack.userPoolId}_Google`],
      identities: [
        expect.objectContaining({ providerName: 'Google', providerType: 'Google', primary: 'true', issuer: null }),
      ],
    });
    const username = String(tokens.id['cognito:username']);
    expect(username).toMatch(/^google_1\d{20}$/);
    expect(username).toBe(`google_${(tokens.id.identities as { userId: string }[])[0].userId}`);
    expect(tokens.access).toMatchObject({
      token_use: 'access',
      client_id: stack.userPoolClientId,
      iss: stack.cognitoIssuer,
      scope: 'openid email profile',
      username,
      sub: tokens.id.sub,
      'cognito:groups': [`${stack.userPoolId}_Google`],
    });
    expect(tokens.access.aud).toBeUndefined();

    // The post-confirmation trigger created the account row.
    const me = await gql.post(ME, {}, { authorization: tokens.accessToken });
    expect(me.body).toEqual({
      data: {
        me: {
          userId: tokens.id.sub,
          username: null,
          email: identity.email,
          fullName: 'Ada Lovelace',
          profileComplete: false,
        },
      },
    });
    const name = `ada${Date.now().toString(36)}`;
    const saved = await gql.post(
      'mutation ($u: String!) { saveProfile(input: { username: $u, fullName: "Ada Lovelace" }) { username } }',
      { u: name },
      { authorization: tokens.idToken },
    );
    expect(saved.body).toEqual({ data: { saveProfile: { username: name } } });
    const rest = await fetch(`${stack.restUrl}/users/me`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(rest.status).toBe(200);
    expect(await rest.json()).toMatchObject({ user_id: tokens.id.sub, username: name, email: identity.email });

    const cognito = cognitoClient(stack);
    try {
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: username }));
      expect(user.UserStatus).toBe('EXTERNAL_PROVIDER');
    } finally {
      cognito.destroy();
    }
    console.info(`federated sign-in, authorize to tokens: ${flowMs.toFixed(0)} ms`);
  });
});
