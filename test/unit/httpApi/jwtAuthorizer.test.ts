import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, ISSUER, NOW, cognitoToken, serveJwks, signingKey } from '../auth/cognitoTokens.ts';
import type { SigningKey } from '../auth/cognitoTokens.ts';
import { apiDefinition, jwtRoute, route, serveApi, TEMPLATE_ISSUER } from './support.ts';
import type { ServedApi } from './support.ts';

let key: SigningKey;
let otherKey: SigningKey;
let jwks: Awaited<ReturnType<typeof serveJwks>>;
let served: ServedApi;

beforeAll(async () => {
  const signing = await signingKey('kid-1');
  otherKey = await signingKey('kid-1');
  key = signing;
  jwks = await serveJwks([signing.publicJwk]);
  served = await serveApi(
    apiDefinition({
      routes: [
        jwtRoute('PUT /profile', [CLIENT_ID]),
        { ...jwtRoute('GET /admin', [CLIENT_ID]), authorizationScopes: ['prolynk/admin'] },
        route('GET /profiles/{username}'),
      ],
    }),
    { now: () => NOW, issuerMap: { [TEMPLATE_ISSUER]: { issuer: ISSUER, jwksUri: jwks.jwksUri } } },
  );
});
afterAll(async () => {
  await served.close();
  await jwks.close();
});
afterEach(() => {
  served.events.length = 0;
});

const put = (authorization?: string) =>
  fetch(`${served.url}/profile`, { method: 'PUT', headers: authorization === undefined ? {} : { authorization } });

async function expectUnauthorized(response: Response, description?: string) {
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({ message: 'Unauthorized' });
  if (description) {
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer scope="" error="invalid_token" error_description="${description}"`,
    );
  }
  expect(served.events).toHaveLength(0);
}

describe('JWT authorizer', () => {
  it('passes a valid ID token (aud) and hands the claims on as strings, arrays in API Gateway\'s "[a b]" form', async () => {
    const response = await put(`Bearer ${await cognitoToken(key, 'id')}`);

    expect(response.status).toBe(200);
    const { authorizer } = served.events[0].requestContext;
    expect(authorizer?.jwt.claims).toMatchObject({
      sub: 'sub-1',
      aud: CLIENT_ID,
      'cognito:username': 'alice',
      'cognito:groups': '[admins]',
      token_use: 'id',
      iss: ISSUER,
      exp: String(Math.floor(NOW / 1000) + 3600),
    });
    expect(authorizer?.jwt.scopes).toBeNull();
  });

  it('passes a valid access token through its client_id and splits its scope into scopes', async () => {
    const response = await put(await cognitoToken(key, 'access'));

    expect(response.status).toBe(200);
    expect(served.events[0].requestContext.authorizer?.jwt.claims.client_id).toBe(CLIENT_ID);
    expect(served.events[0].requestContext.authorizer?.jwt.scopes).toEqual(['aws.cognito.signin.user.admin']);
  });

  // AWS troubleshooting guide: the quoted www-authenticate for a token of another audience.
  it('refuses a token for another app client with AWS\'s "not a valid audience" description', async () => {
    await expectUnauthorized(
      await put(`Bearer ${await cognitoToken(key, 'id', { aud: 'other-client' })}`),
      'the token does not have a valid audience',
    );
  });

  it('judges aud, not client_id, when a token carries both', async () => {
    const token = await cognitoToken(key, 'access', { aud: 'other-client' });
    await expectUnauthorized(await put(token), 'the token does not have a valid audience');
  });

  it('refuses an expired token', async () => {
    const token = await cognitoToken(key, 'id', {}, { expiresAt: Math.floor(NOW / 1000) - 1 });
    await expectUnauthorized(await put(token), 'the token has expired');
  });

  it('refuses a token whose nbf is still in the future', async () => {
    await expectUnauthorized(await put(await cognitoToken(key, 'id', { nbf: Math.floor(NOW / 1000) + 600 })));
  });

  it('refuses a token from another issuer', async () => {
    await expectUnauthorized(await put(await cognitoToken(key, 'id', { iss: 'http://127.0.0.1:9229/other_pool' })));
  });

  it('refuses a token signed by a key that is not in the JWKS', async () => {
    await expectUnauthorized(await put(await cognitoToken(otherKey, 'id')));
  });

  it('refuses a request without the Authorization header, and a value that is no JWT', async () => {
    await expectUnauthorized(await put());
    await expectUnauthorized(await put('Bearer not-a-jwt'));
  });

  it('answers 403 Forbidden when the route requires a scope the token lacks', async () => {
    const response = await fetch(`${served.url}/admin`, {
      headers: { authorization: await cognitoToken(key, 'access') },
    });

    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'Forbidden' });
  });

  it('leaves routes without an authorizer open and without requestContext.authorizer', async () => {
    const response = await fetch(`${served.url}/profiles/ada`);

    expect(response.status).toBe(200);
    expect(served.events[0].requestContext.authorizer).toBeUndefined();
  });

  it("refuses to start when a route's issuer has no local counterpart", async () => {
    await expect(serveApi(apiDefinition({ routes: [jwtRoute('PUT /profile', [CLIENT_ID])] }))).rejects.toThrow(
      /PUT \/profile.*no local issuer/,
    );
  });
});
