import { describe, expect, it } from 'vitest';
import { accessTokenClaims, idTokenClaims, validitySeconds } from '../../../local/oauth/userPoolTokens.ts';
import type { TokenGrant } from '../../../local/oauth/userPoolTokens.ts';
import { mapAttributes } from '../../../local/oauth/upstream.ts';
import { stableSubject } from '../../../local/oauth/standInIdp/accounts.ts';
import { oneTimeStore } from '../../../local/oauth/oneTimeStore.ts';
import { s256Challenge, verifierMatches } from '../../../local/oauth/pkce.ts';

const grant: TokenGrant = {
  user: {
    Username: 'google_1234',
    Attributes: [
      { Name: 'sub', Value: 'sub-1' },
      { Name: 'email', Value: 'ada@example.com' },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'custom:fullname', Value: 'Ada' },
      {
        Name: 'identities',
        Value:
          '[{"userId":"1234","providerName":"Google","providerType":"Google","issuer":null,"primary":true,"dateCreated":7}]',
      },
    ],
    Enabled: true,
    UserStatus: 'EXTERNAL_PROVIDER',
    UserCreateDate: new Date(0),
    UserLastModifiedDate: new Date(0),
  },
  groups: ['local_pool_Google'],
  client: {
    ClientId: 'client-1',
    ClientName: 'web',
    UserPoolId: 'local_pool',
    AccessTokenValidity: 30,
    TokenValidityUnits: { AccessToken: 'minutes' },
  },
  scopes: ['openid', 'email', 'profile'],
  issuer: 'http://127.0.0.1:4002/local_pool',
  authTime: 1000,
  originJti: 'origin-1',
  nonce: 'n-1',
  nowSeconds: 2000,
};

describe('managed login tokens', () => {
  it('gives the access token what Cognito puts in a hosted sign-in access token, and no aud', () => {
    expect(accessTokenClaims(grant)).toEqual({
      sub: 'sub-1',
      'cognito:groups': ['local_pool_Google'],
      iss: grant.issuer,
      version: 2,
      client_id: 'client-1',
      origin_jti: 'origin-1',
      token_use: 'access',
      scope: 'openid email profile',
      auth_time: 1000,
      exp: 2000 + 30 * 60,
      iat: 2000,
      jti: expect.any(String),
      username: 'google_1234',
    });
  });

  it('gives the ID token the attributes, identities, groups, nonce and at_hash', () => {
    const claims = idTokenClaims(grant, 'access-token');

    expect(claims).toMatchObject({
      sub: 'sub-1',
      aud: 'client-1',
      token_use: 'id',
      'cognito:username': 'google_1234',
      'cognito:groups': ['local_pool_Google'],
      email: 'ada@example.com',
      email_verified: true,
      'custom:fullname': 'Ada',
      nonce: 'n-1',
      identities: [
        {
          userId: '1234',
          providerName: 'Google',
          providerType: 'Google',
          issuer: null,
          primary: 'true',
          dateCreated: '7',
        },
      ],
      exp: 2000 + 3600,
    });
    expect(claims.at_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(validitySeconds(grant.client, 'IdToken')).toBe(3600);
  });

  it("maps a provider's claims to pool attributes as strings, skipping absent ones", () => {
    expect(
      mapAttributes(
        { email: 'email', email_verified: 'email_verified', 'custom:fullname': 'name', 'custom:picture': 'picture' },
        { email: 'a@example.com', email_verified: true, name: 'A' },
      ),
    ).toEqual({ email: 'a@example.com', email_verified: 'true', 'custom:fullname': 'A' });
  });

  it("derives the stand-in's subjects from provider and email, stably, in each provider's form", () => {
    expect(stableSubject('google', 'Ada@Example.com')).toBe(stableSubject('google', 'ada@example.com'));
    expect(stableSubject('google', 'ada@example.com')).toMatch(/^1\d{20}$/);
    expect(stableSubject('linkedin', 'ada@example.com')).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(stableSubject('google', 'grace@example.com')).not.toBe(stableSubject('google', 'ada@example.com'));
  });
});

describe('codes and PKCE', () => {
  it('takes a code once, and not after it expired', () => {
    let now = 0;
    const codes = oneTimeStore<string>(300_000, () => now);
    const first = codes.issue('a');
    const second = codes.issue('b');

    expect(codes.take(first)).toBe('a');
    expect(codes.take(first)).toBeUndefined();
    now = 300_000;
    expect(codes.take(second)).toBeUndefined();
  });

  it('matches an S256 verifier to its challenge only', () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

    expect(s256Challenge(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(verifierMatches(verifier, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(true);
    expect(verifierMatches(`${verifier}x`, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(false);
    expect(verifierMatches('too-short', s256Challenge('too-short'))).toBe(false);
  });
});
