// The tokens managed login issues, with the claims Cognito gives them (hosted-UI sign-ins carry
// `version`, `origin_jti`, the granted `scope`; federated users `identities` and their provider's
// group in `cognito:groups`), signed with cognito-local's key (kid "CognitoLocal") so that every
// verifier that trusts the pool's JWKS — AppSync's user-pool auth, the HTTP API's JWT authorizer —
// accepts them (local/services/cognito.ts describes that key).
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SignJWT, importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import type { StoredAppClient, StoredUser } from '../services/cognito.ts';
import { identitiesClaim, identitiesOf } from './identities.ts';

/** What one sign-in (or refresh) grants. */
export interface TokenGrant {
  user: StoredUser;
  groups: string[];
  client: StoredAppClient;
  scopes: string[];
  issuer: string;
  /** When the user authenticated (seconds); kept on refresh. */
  authTime: number;
  /** The jti of the original authentication; kept on refresh. */
  originJti: string;
  nonce?: string;
  nowSeconds: number;
}

/** A token response's tokens; no ID token without the openid scope. */
export interface IssuedTokens {
  accessToken: string;
  idToken?: string;
  expiresIn: number;
}

const SECONDS_PER_UNIT: Record<string, number> = { seconds: 1, minutes: 60, hours: 3_600, days: 86_400 };
const BOOLEAN_ATTRIBUTES = new Set(['email_verified', 'phone_number_verified']);

/** A token's lifetime in seconds from the app client (AWS's defaults: 60 minutes). */
export function validitySeconds(client: StoredAppClient, token: 'AccessToken' | 'IdToken'): number {
  const value = client[`${token}Validity`];
  const unit = client.TokenValidityUnits?.[token] ?? 'hours';
  return value === undefined ? 3_600 : value * (SECONDS_PER_UNIT[unit] ?? 3_600);
}

/** The access token's claims (pure). */
export function accessTokenClaims(grant: TokenGrant): Record<string, unknown> {
  return {
    sub: attribute(grant.user, 'sub'),
    ...(grant.groups.length > 0 ? { 'cognito:groups': grant.groups } : {}),
    iss: grant.issuer,
    version: 2,
    client_id: grant.client.ClientId,
    origin_jti: grant.originJti,
    token_use: 'access',
    scope: grant.scopes.join(' '),
    auth_time: grant.authTime,
    exp: grant.nowSeconds + validitySeconds(grant.client, 'AccessToken'),
    iat: grant.nowSeconds,
    jti: randomUUID(),
    username: grant.user.Username,
  };
}

/** The ID token's claims: the user's attributes, `identities` as an array, booleans as booleans (pure). */
export function idTokenClaims(grant: TokenGrant, accessToken: string): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const { Name, Value } of grant.user.Attributes) {
    if (Name === 'sub' || Name === 'identities' || Name.startsWith('cognito:')) continue;
    attributes[Name] = BOOLEAN_ATTRIBUTES.has(Name) ? Value === 'true' : Value;
  }
  const identities = identitiesOf(grant.user);
  return {
    at_hash: atHash(accessToken),
    sub: attribute(grant.user, 'sub'),
    ...(grant.groups.length > 0 ? { 'cognito:groups': grant.groups } : {}),
    ...attributes,
    iss: grant.issuer,
    'cognito:username': grant.user.Username,
    ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
    origin_jti: grant.originJti,
    aud: grant.client.ClientId,
    ...(identities.length > 0 ? { identities: identitiesClaim(identities) } : {}),
    token_use: 'id',
    auth_time: grant.authTime,
    exp: grant.nowSeconds + validitySeconds(grant.client, 'IdToken'),
    iat: grant.nowSeconds,
    jti: randomUUID(),
  };
}

/** Signs the grant's access token and, with openid, its ID token. */
export async function issueTokens(grant: TokenGrant): Promise<IssuedTokens> {
  const accessToken = await sign(accessTokenClaims(grant));
  const idToken = grant.scopes.includes('openid') ? await sign(idTokenClaims(grant, accessToken)) : undefined;
  return { accessToken, idToken, expiresIn: validitySeconds(grant.client, 'AccessToken') };
}

function attribute(user: StoredUser, name: string): string | undefined {
  return user.Attributes.find((candidate) => candidate.Name === name)?.Value;
}

// OIDC Core 3.1.3.6: the left half of the SHA-256 of the access token, base64url.
function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

let signingKey: Promise<CryptoKey | Uint8Array> | undefined;

async function sign(claims: Record<string, unknown>): Promise<string> {
  signingKey ??= importJWK(cognitoLocalPrivateJwk(), 'RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).sign(await signingKey);
}

/** cognito-local's private key, shipped in its package (lib/keys/cognitoLocal.private.json). */
export function cognitoLocalPrivateJwk(): JWK {
  const entry = createRequire(import.meta.url).resolve('cognito-local');
  return (JSON.parse(readFileSync(join(dirname(entry), 'keys', 'cognitoLocal.private.json'), 'utf8')) as { jwk: JWK })
    .jwk;
}
