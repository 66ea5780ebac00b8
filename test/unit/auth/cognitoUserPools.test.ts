import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateCognitoToken } from '../../../local/appsync/auth/cognitoUserPools.ts';
import type { CognitoCheck } from '../../../local/appsync/auth/cognitoUserPools.ts';
import { CLIENT_ID, ISSUER, NOW, cognitoToken, serveJwks, signingKey } from './cognitoTokens.ts';
import type { SigningKey } from './cognitoTokens.ts';

let poolKey: SigningKey;
let otherKey: SigningKey;
let jwks: Awaited<ReturnType<typeof serveJwks>>;
let check: CognitoCheck;

beforeAll(async () => {
  const pool = await signingKey('pool-key');
  poolKey = pool;
  otherKey = await signingKey('pool-key'); // same kid, different key: a forged token
  jwks = await serveJwks([pool.publicJwk]);
  check = { pool: { issuer: ISSUER, jwksUri: jwks.jwksUri }, sourceIp: ['10.0.0.1', '127.0.0.1'], nowMs: NOW };
});
afterAll(() => jwks.close());

// AppSync's 401 for a request-level auth failure (docs/appsync-facts.md §5).
const unauthorized = (message: string) => ({
  ok: false,
  status: 401,
  body: { errors: [{ errorType: 'UnauthorizedException', message }] },
  headers: { 'x-amzn-ErrorType': 'UnauthorizedException' },
});

describe('Cognito user pool authentication', () => {
  it('accepts a valid ID token and shapes ctx.identity as AppSync does', async () => {
    const token = await cognitoToken(poolKey, 'id');
    const result = await authenticateCognitoToken(token, check);
    expect(result).toMatchObject({
      ok: true,
      authMode: 'AMAZON_COGNITO_USER_POOLS',
      cognitoGroups: ['admins'],
      identity: {
        sourceIp: ['10.0.0.1', '127.0.0.1'],
        username: 'alice',
        groups: ['admins'],
        sub: 'sub-1',
        issuer: ISSUER,
        defaultAuthStrategy: 'ALLOW',
        claims: { email: 'alice@example.com', token_use: 'id', aud: CLIENT_ID },
      },
    });
    expect(Object.keys((result as { identity: object }).identity).sort()).toEqual([
      'claims',
      'defaultAuthStrategy',
      'groups',
      'issuer',
      'sourceIp',
      'sub',
      'username',
    ]);
  });

  it('accepts a valid access token, taking the username from its username claim', async () => {
    const token = await cognitoToken(poolKey, 'access');
    const result = await authenticateCognitoToken(`Bearer ${token}`, check);
    expect(result).toMatchObject({ ok: true, identity: { username: 'alice-access', groups: null } });
  });

  it('reports the pool default action as defaultAuthStrategy', async () => {
    const result = await authenticateCognitoToken(await cognitoToken(poolKey, 'id'), {
      ...check,
      defaultAction: 'DENY',
    });
    expect(result).toMatchObject({ ok: true, identity: { defaultAuthStrategy: 'DENY' } });
  });

  it('rejects an expired token', async () => {
    const token = await cognitoToken(poolKey, 'id', {}, { expiresAt: Math.floor(NOW / 1000) - 1 });
    expect(await authenticateCognitoToken(token, check)).toEqual(unauthorized('Token has expired.'));
  });

  it('rejects a token from another issuer', async () => {
    const token = await cognitoToken(poolKey, 'id', { iss: 'http://127.0.0.1:9229/other_pool' });
    expect(await authenticateCognitoToken(token, check)).toEqual(
      unauthorized('Valid authorization header not provided.'),
    );
  });

  it('rejects a token signed by another key', async () => {
    const token = await cognitoToken(otherKey, 'id');
    expect(await authenticateCognitoToken(token, check)).toEqual(
      unauthorized('Valid authorization header not provided.'),
    );
  });

  it('rejects a token without token_use', async () => {
    const token = await cognitoToken(poolKey, 'id', { token_use: undefined });
    expect(await authenticateCognitoToken(token, check)).toEqual(
      unauthorized('Valid authorization header not provided.'),
    );
  });

  it('rejects a token whose client id does not match appIdClientRegex', async () => {
    const token = await cognitoToken(poolKey, 'access', { client_id: 'someone-else' });
    expect(await authenticateCognitoToken(token, { ...check, appIdClientRegex: 'client-.*' })).toEqual(
      unauthorized('Valid authorization header not provided.'),
    );
  });

  it('accepts an ID token whose aud matches appIdClientRegex', async () => {
    const token = await cognitoToken(poolKey, 'id');
    expect((await authenticateCognitoToken(token, { ...check, appIdClientRegex: 'client-.*' })).ok).toBe(true);
  });

  it('rejects a malformed token as unparseable', async () => {
    expect(await authenticateCognitoToken('not-a-jwt', check)).toEqual(unauthorized('Unable to parse JWT token.'));
  });

  it('fetches the JWKS once and reuses it', async () => {
    const before = jwks.hits();
    await authenticateCognitoToken(await cognitoToken(poolKey, 'id'), check);
    await authenticateCognitoToken(await cognitoToken(poolKey, 'access'), check);
    expect(jwks.hits() - before).toBe(0);
  });
});
