// "Sign in with Google/LinkedIn" against the local stack over real HTTP: the pool's domain, the
// stand-in provider, the Cognito triggers from their deployed bundles, and tokens that the GraphQL
// endpoint and the REST API accept.
import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  SignUpCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, inject, it } from 'vitest';
import { getLocalTokens } from '../../../local/index.ts';
import { graphqlClient } from '../../support/graphqlClient.ts';
import { cognitoClient } from '../../support/tokens.ts';
import { newIdentity, signInWith, tokenRequest } from './signInFlow.ts';

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

const PASSWORD = 'Local-Passw0rd!';

/** A native account: SignUp, then (unless `unconfirmed`) confirmed, optionally with its email verified. */
async function nativeAccount(email: string, options: { confirmed: boolean; verified: boolean }) {
  const cognito = cognitoClient(stack);
  try {
    await cognito.send(
      new SignUpCommand({
        ClientId: stack.userPoolClientId,
        Username: email,
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    if (options.confirmed)
      await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: stack.userPoolId, Username: email }));
    if (options.verified) {
      await cognito.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: stack.userPoolId,
          Username: email,
          UserAttributes: [
            // cognito-local wants the address in the same request.
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
    }
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: email }));
    const attribute = (name: string) => user.UserAttributes?.find((a) => a.Name === name)?.Value;
    return { username: String(user.Username), sub: String(attribute('sub')), identities: attribute('identities') };
  } finally {
    cognito.destroy();
  }
}

async function userExists(username: string): Promise<boolean> {
  const cognito = cognitoClient(stack);
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: username }));
    return true;
  } catch (error) {
    if (error instanceof UserNotFoundException) return false;
    throw error;
  } finally {
    cognito.destroy();
  }
}

describe('the same person signing in again', () => {
  it('lands on the same sub, the same user and the same profile', async () => {
    const identity = newIdentity('Grace Hopper');
    const first = await signInWith(stack, 'Google', identity);
    const name = `grace${Date.now().toString(36)}`;
    await gql.post(
      'mutation ($u: String!) { saveProfile(input: { username: $u }) { username } }',
      { u: name },
      { authorization: first.accessToken },
    );

    const second = await signInWith(stack, 'Google', identity);

    expect(second.id.sub).toBe(first.id.sub);
    expect(second.id['cognito:username']).toBe(first.id['cognito:username']);
    const profile = await gql.post(
      '{ myProfile { username isOwner } me { userId username } }',
      {},
      {
        authorization: second.accessToken,
      },
    );
    expect(profile.body).toEqual({
      data: { myProfile: { username: name, isOwner: true }, me: { userId: first.id.sub, username: name } },
    });
  });

  it('signs in with LinkedIn as linkedin_<sub>, in the LinkedIn group, from an OIDC provider', async () => {
    const identity = newIdentity('Katherine Johnson');

    const tokens = await signInWith(stack, 'LinkedIn', identity);

    expect(tokens.id['cognito:username']).toMatch(/^linkedin_[A-Za-z0-9_-]{10}$/);
    expect(tokens.id).toMatchObject({
      'custom:fullname': 'Katherine Johnson',
      'cognito:groups': [`${stack.userPoolId}_LinkedIn`],
      identities: [expect.objectContaining({ providerName: 'LinkedIn', providerType: 'OIDC', primary: 'true' })],
    });
  });
});

describe('linking to a native account (pre-sign-up trigger, AdminLinkProviderForUser)', () => {
  it('signs a Google identity with the email of a confirmed, verified account in as that account', async () => {
    const identity = newIdentity('Ada Native');
    const native = await nativeAccount(identity.email, { confirmed: true, verified: true });

    const tokens = await signInWith(stack, 'Google', identity);

    expect(tokens.id.sub).toBe(native.sub);
    expect(tokens.id['cognito:username']).toBe(native.username);
    expect(tokens.access.username).toBe(native.username);
    const googleId = (tokens.id.identities as { userId: string; primary: string; providerName: string }[])[0];
    expect(googleId).toMatchObject({ providerName: 'Google', primary: 'false' });
    // No separate federated user was created, and the account shows the linked identity.
    expect(await userExists(`google_${googleId.userId}`)).toBe(false);
    const linked = JSON.parse((await readIdentities(native.username)) ?? '[]');
    expect(linked).toEqual([
      expect.objectContaining({ providerName: 'Google', userId: googleId.userId, primary: false }),
    ]);

    // Next time, the link decides at once: still the native account.
    const again = await signInWith(stack, 'Google', identity);
    expect(again.id.sub).toBe(native.sub);
  });

  it('links the account `npm run token` created (its email counts as verified, as a code confirmation would)', async () => {
    const identity = newIdentity('Token User');
    const native = await getLocalTokens({
      cognitoEndpoint: stack.cognitoEndpoint,
      userPoolId: stack.userPoolId,
      clientId: stack.userPoolClientId,
      region: stack.region,
      email: identity.email,
      password: PASSWORD,
    });

    const tokens = await signInWith(stack, 'LinkedIn', identity);

    expect(tokens.id.sub).toBe(native.sub);
  });

  it("never lets an unconfirmed account registered with someone else's email capture their Google sign-in", async () => {
    const victim = newIdentity('Victim');
    const squatter = await nativeAccount(victim.email, { confirmed: false, verified: false });

    const tokens = await signInWith(stack, 'Google', victim);

    expect(tokens.id.sub).not.toBe(squatter.sub);
    expect(tokens.id['cognito:username']).toMatch(/^google_/);
    expect(await readIdentities(squatter.username)).toBeUndefined();
  });

  it('does not link to a confirmed account whose email was never verified', async () => {
    const identity = newIdentity('Unverified');
    const native = await nativeAccount(identity.email, { confirmed: true, verified: false });

    const tokens = await signInWith(stack, 'Google', identity);

    expect(tokens.id.sub).not.toBe(native.sub);
    expect(await readIdentities(native.username)).toBeUndefined();
  });
});

describe('tokens after sign-in', () => {
  it('refreshes with the refresh token (no new refresh token), and userInfo describes the user', async () => {
    const identity = newIdentity('Refresh Me');
    const tokens = await signInWith(stack, 'Google', identity);

    const refreshed = await tokenRequest(stack, {
      grant_type: 'refresh_token',
      client_id: stack.userPoolClientId,
      refresh_token: tokens.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    expect(Object.keys(refreshed.body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'token_type']);
    const me = await gql.post(ME, {}, { authorization: refreshed.body.access_token });
    expect(me.body.data.me.userId).toBe(tokens.id.sub);

    const info = await fetch(`${stack.oauthDomain}/oauth2/userInfo`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(info.status).toBe(200);
    const body = (await info.json()) as Record<string, string>;
    expect(body).toMatchObject({
      sub: tokens.id.sub,
      username: tokens.id['cognito:username'],
      email: identity.email,
      email_verified: 'true',
      'custom:fullname': 'Refresh Me',
    });
    expect(JSON.parse(body.identities)).toEqual([expect.objectContaining({ providerName: 'Google' })]);
  });

  it('refuses userInfo without a valid access token, as Cognito does', async () => {
    const identity = newIdentity();
    const tokens = await signInWith(stack, 'Google', identity);

    for (const authorization of [undefined, 'Bearer not-a-token', `Bearer ${tokens.idToken}`]) {
      const response = await fetch(`${stack.oauthDomain}/oauth2/userInfo`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_token');
    }
  });
});

async function readIdentities(username: string): Promise<string | undefined> {
  const cognito = cognitoClient(stack);
  try {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: username }));
    return user.UserAttributes?.find((a) => a.Name === 'identities')?.Value;
  } finally {
    cognito.destroy();
  }
}
