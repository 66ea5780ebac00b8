// Cognito user-pool JWTs, checked as AppSync does (docs/appsync-facts.md §6): an RS256 signature from
// the pool's JWKS, `iss` equal to the pool, not expired, `token_use` id or access, and the app
// client (aud for ID tokens, client_id for access tokens) matching appIdClientRegex when set.
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTPayload, JWTVerifyGetKey } from 'jose';
import { AUTH_MESSAGES, unauthorized } from './authResult.ts';
import type { AuthResult } from './authResult.ts';

/** Where a pool's tokens come from: its issuer URL and its keys (a JWKS URL or a key set). */
export interface CognitoPoolKeys {
  issuer: string;
  jwksUri?: string;
  jwks?: JSONWebKeySet;
}

/** ctx.identity for AMAZON_COGNITO_USER_POOLS (docs/appsync-facts.md §4). */
export interface CognitoIdentity {
  sourceIp: string[];
  username: string;
  groups: string[] | null;
  sub: string;
  issuer: string;
  claims: JWTPayload;
  defaultAuthStrategy: 'ALLOW' | 'DENY';
}

export interface CognitoCheck {
  pool: CognitoPoolKeys;
  appIdClientRegex?: string;
  defaultAction?: 'ALLOW' | 'DENY';
  sourceIp: string[];
  nowMs: number;
}

// One remote key set per JWKS URL for the life of the process: jose caches the keys inside it and
// refetches only for an unknown `kid`, so requests do not fetch the JWKS each time.
const remoteKeySets = new Map<string, JWTVerifyGetKey>();

function keySetFor(pool: CognitoPoolKeys): JWTVerifyGetKey {
  if (pool.jwks) return createLocalJWKSet(pool.jwks);
  if (!pool.jwksUri) throw new Error(`Cognito pool ${pool.issuer}: neither jwksUri nor jwks was configured`);
  let keySet = remoteKeySets.get(pool.jwksUri);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(pool.jwksUri));
    remoteKeySets.set(pool.jwksUri, keySet);
  }
  return keySet;
}

/** The JWT in an Authorization header value, with an optional "Bearer " scheme removed. */
function tokenFromAuthorization(value: string): string {
  return value.replace(/^Bearer\s+/i, '').trim();
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

// Token problems the client caused; anything else (JWKS unreachable, bad key set) is ours and is
// thrown so that it surfaces as a server error instead of a misleading 401.
function isTokenError(error: unknown): boolean {
  return (
    error instanceof errors.JOSEError &&
    !(error instanceof errors.JWKSTimeout) &&
    !(error instanceof errors.JWKSInvalid)
  );
}

function clientIdOf(claims: JWTPayload): string | undefined {
  if (claims.token_use === 'id') return Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
  return typeof claims.client_id === 'string' ? claims.client_id : undefined;
}

/** Verifies a Cognito user-pool JWT from the Authorization header and builds ctx.identity. */
export async function authenticateCognitoToken(authorization: string, check: CognitoCheck): Promise<AuthResult> {
  const token = tokenFromAuthorization(authorization);
  if (!JWT_SHAPE.test(token)) return unauthorized(AUTH_MESSAGES.unparseableJwt);

  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, keySetFor(check.pool), {
      algorithms: ['RS256'],
      issuer: check.pool.issuer,
      requiredClaims: ['exp'],
      currentDate: new Date(check.nowMs),
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return unauthorized(AUTH_MESSAGES.tokenExpired);
    if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
      return unauthorized(AUTH_MESSAGES.unparseableJwt);
    if (isTokenError(error)) return unauthorized(AUTH_MESSAGES.noValidHeader);
    throw error;
  }

  if (claims.token_use !== 'id' && claims.token_use !== 'access') return unauthorized(AUTH_MESSAGES.noValidHeader);
  const clientId = clientIdOf(claims);
  // AppSync matches the whole client id against the regex (Java String.matches semantics).
  if (check.appIdClientRegex && !(clientId && new RegExp(`^(?:${check.appIdClientRegex})$`).test(clientId))) {
    return unauthorized(AUTH_MESSAGES.noValidHeader);
  }

  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]) : null;
  const identity: CognitoIdentity = {
    sourceIp: check.sourceIp,
    username: String((claims.token_use === 'id' ? claims['cognito:username'] : claims.username) ?? ''),
    groups,
    sub: String(claims.sub ?? ''),
    issuer: String(claims.iss),
    claims,
    defaultAuthStrategy: check.defaultAction ?? 'ALLOW',
  };
  return { ok: true, authMode: 'AMAZON_COGNITO_USER_POOLS', identity, cognitoGroups: groups ?? [] };
}
