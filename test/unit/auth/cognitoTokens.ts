// Test factory: an RS256 key pair, a JWKS served on 127.0.0.1, and Cognito-shaped ID/access tokens.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';

export interface SigningKey {
  privateKey: CryptoKey;
  kid: string;
}

export async function signingKey(kid: string): Promise<SigningKey & { publicJwk: Record<string, unknown> }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, kid, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export async function serveJwks(
  keys: Record<string, unknown>[],
): Promise<{ jwksUri: string; close: () => Promise<void>; hits: () => number }> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUri: `http://127.0.0.1:${port}/local_pool/.well-known/jwks.json`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    hits: () => hits,
  };
}

export const ISSUER = 'http://127.0.0.1:9229/local_pool';
export const CLIENT_ID = 'client-abc';
export const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

export async function cognitoToken(
  key: SigningKey,
  kind: 'id' | 'access',
  overrides: JWTPayload = {},
  options: { expiresAt?: number } = {},
): Promise<string> {
  const nowSeconds = Math.floor(NOW / 1000);
  const base: JWTPayload =
    kind === 'id'
      ? {
          sub: 'sub-1',
          aud: CLIENT_ID,
          'cognito:username': 'alice',
          email: 'alice@example.com',
          token_use: 'id',
          'cognito:groups': ['admins'],
        }
      : {
          sub: 'sub-1',
          client_id: CLIENT_ID,
          username: 'alice-access',
          token_use: 'access',
          scope: 'aws.cognito.signin.user.admin',
        };
  const claims = Object.fromEntries(Object.entries({ ...base, ...overrides }).filter(([, v]) => v !== undefined));
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setIssuer(typeof overrides.iss === 'string' ? overrides.iss : ISSUER)
    .setIssuedAt(nowSeconds - 60)
    .setExpirationTime(options.expiresAt ?? nowSeconds + 3600)
    .sign(key.privateKey);
}
