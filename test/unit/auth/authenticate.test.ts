import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateRequest } from '../../../local/appsync/auth/authenticate.ts';
import type { AuthConfig, AuthRequest } from '../../../local/appsync/auth/authenticate.ts';
import { ISSUER, NOW, cognitoToken, serveJwks, signingKey } from './cognitoTokens.ts';
import type { SigningKey } from './cognitoTokens.ts';
import { SIGNED_AT, signedGraphqlRequest } from './sigv4Client.ts';

let poolKey: SigningKey;
let jwks: Awaited<ReturnType<typeof serveJwks>>;
let allModes: AuthConfig;
const apiKeyOnly: AuthConfig = {
  defaultAuth: { mode: 'API_KEY' },
  additionalAuth: [],
  apiKeys: [{ value: 'da2-key', expires: NOW / 1000 + 3600 }],
  region: 'us-east-1',
  now: () => NOW,
};

beforeAll(async () => {
  const key = await signingKey('k1');
  poolKey = key;
  jwks = await serveJwks([key.publicJwk]);
  allModes = {
    defaultAuth: {
      mode: 'AMAZON_COGNITO_USER_POOLS',
      userPool: { userPoolId: 'local_pool', awsRegion: 'us-east-1', defaultAction: 'ALLOW' },
    },
    additionalAuth: [{ mode: 'API_KEY' }, { mode: 'AWS_IAM' }],
    apiKeys: [{ value: 'da2-key', expires: NOW / 1000 + 3600 }],
    cognito: { issuer: ISSUER, jwksUri: jwks.jwksUri },
    region: 'us-east-1',
    now: () => NOW,
  };
});
afterAll(() => jwks.close());

function request(headers: Record<string, string>): AuthRequest {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { host: '127.0.0.1:4000', ...headers },
    body: '{"query":"{ me }"}',
    sourceIp: '::ffff:127.0.0.1',
  };
}

describe('request authentication', () => {
  it('answers a request without credentials with 401 UnauthorizedException when a JWT mode is configured', async () => {
    expect(await authenticateRequest(request({}), allModes)).toEqual({
      ok: false,
      status: 401,
      body: { errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] },
      headers: { 'x-amzn-ErrorType': 'UnauthorizedException' },
    });
  });

  it('answers a request without credentials on an API-key-only API with "not authorized"', async () => {
    const result = await authenticateRequest(request({}), apiKeyOnly);
    expect(result).toMatchObject({
      ok: false,
      status: 401,
      body: { errors: [{ message: 'You are not authorized to make this call.' }] },
    });
  });

  it('uses the API key when only x-api-key is sent', async () => {
    expect(await authenticateRequest(request({ 'x-api-key': 'da2-key' }), allModes)).toEqual({
      ok: true,
      authMode: 'API_KEY',
      identity: null,
    });
  });

  it('prefers the Authorization JWT over x-api-key when both are sent', async () => {
    const token = await cognitoToken(poolKey, 'id');
    const result = await authenticateRequest(request({ authorization: token, 'x-api-key': 'da2-key' }), allModes);
    expect(result).toMatchObject({
      ok: true,
      authMode: 'AMAZON_COGNITO_USER_POOLS',
      identity: { sourceIp: ['127.0.0.1'] },
    });
  });

  it('does not fall back to a valid API key when the JWT sent alongside it is bad', async () => {
    const result = await authenticateRequest(request({ authorization: 'garbage', 'x-api-key': 'da2-key' }), allModes);
    expect(result).toMatchObject({
      ok: false,
      status: 401,
      body: { errors: [{ message: 'Unable to parse JWT token.' }] },
    });
  });

  it('routes a SigV4 Authorization header to IAM', async () => {
    const signed = await signedGraphqlRequest();
    const result = await authenticateRequest(
      { ...signed, sourceIp: '127.0.0.1' },
      { ...allModes, now: () => SIGNED_AT.getTime() },
    );
    expect(result).toMatchObject({
      ok: true,
      authMode: 'AWS_IAM',
      identity: { userArn: 'arn:aws:iam::000000000000:user/local' },
    });
  });

  it('ignores credentials for modes the API does not configure', async () => {
    const token = await cognitoToken(poolKey, 'id');
    const result = await authenticateRequest(request({ authorization: token, 'x-api-key': 'da2-key' }), apiKeyOnly);
    expect(result).toEqual({ ok: true, authMode: 'API_KEY', identity: null });
  });

  it('lists x-forwarded-for addresses before the peer in sourceIp', async () => {
    const token = await cognitoToken(poolKey, 'access');
    const result = await authenticateRequest(
      request({ authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.7, 10.0.0.2' }),
      allModes,
    );
    expect(result).toMatchObject({ ok: true, identity: { sourceIp: ['203.0.113.7', '10.0.0.2', '127.0.0.1'] } });
  });
});
