// The HTTP API JWT authorizer ("Controlling access to HTTP APIs with JWT authorizers"): the token
// from the identity source header, "Bearer " optional; an RS256 signature by a key of the issuer's
// JWKS; `iss` equal to the configured issuer; `exp` in the future, `nbf` and `iat` not; and `aud`
// — or `client_id` only when there is no `aud` — among the configured Audience. Both Cognito ID
// tokens (aud) and access tokens (client_id) pass. API Gateway does not check token_use.
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { HttpApiJwtAuthorizer } from './definitions.ts';

/** Where the issuer the template names lives locally (cognito-local's issuer URL and JWKS). */
export interface LocalIssuer {
  issuer: string;
  jwksUri: string;
}

/** requestContext.authorizer for a JWT route, as API Gateway gives it to the integration. */
export interface JwtAuthorizerContext {
  jwt: { claims: Record<string, string>; scopes: string[] | null };
}

/** The authorizer's verdict: the context to pass on, or the 401/403 API Gateway answers with. */
export type JwtAuthorization =
  | { ok: true; context: JwtAuthorizerContext }
  | { ok: false; statusCode: 401 | 403; message: string; wwwAuthenticate?: string };

// Only "the token does not have a valid audience" is quoted in AWS's troubleshooting guide; the
// other descriptions are our wording in the same shape.
const DESCRIPTIONS = {
  malformed: 'token contains an invalid number of segments',
  signature: 'the token signature is invalid',
  expired: 'the token has expired',
  notYetValid: 'the token is not valid yet',
  issuer: 'the token does not have a valid issuer',
  audience: 'the token does not have a valid audience',
} as const;

const keySets = new Map<string, JWTVerifyGetKey>();

function keySetFor(jwksUri: string): JWTVerifyGetKey {
  let keySet = keySets.get(jwksUri);
  if (!keySet) {
    // jose caches the keys and refetches only for an unknown kid, as API Gateway caches JWKS.
    keySet = createRemoteJWKSet(new URL(jwksUri));
    keySets.set(jwksUri, keySet);
  }
  return keySet;
}

/** Authorizes one request for a JWT route; `headerValue` is the identity source header, if sent. */
export async function authorizeJwt(
  authorizer: HttpApiJwtAuthorizer,
  local: LocalIssuer,
  headerValue: string | undefined,
  options: { nowMs: number; requiredScopes?: string[] },
): Promise<JwtAuthorization> {
  // A request without the identity source is refused before any token check, with no description.
  if (headerValue === undefined || headerValue.trim() === '')
    return { ok: false, statusCode: 401, message: 'Unauthorized' };
  const token = headerValue.trim().replace(/^Bearer\s+/i, '');
  const refuse = (description: string): JwtAuthorization => ({
    ok: false,
    statusCode: 401,
    message: 'Unauthorized',
    wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${description}"`,
  });
  if (token.split('.').length !== 3) return refuse(DESCRIPTIONS.malformed);

  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, keySetFor(local.jwksUri), {
      algorithms: ['RS256'],
      requiredClaims: ['exp'],
      currentDate: new Date(options.nowMs),
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return refuse(DESCRIPTIONS.expired);
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf')
      return refuse(DESCRIPTIONS.notYetValid);
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) throw error;
    if (error instanceof errors.JOSEError) return refuse(DESCRIPTIONS.signature);
    throw error;
  }
  const nowSeconds = Math.floor(options.nowMs / 1000);
  if (typeof claims.iat === 'number' && claims.iat > nowSeconds) return refuse(DESCRIPTIONS.notYetValid);
  if (claims.iss !== local.issuer) return refuse(DESCRIPTIONS.issuer);
  // AWS: client_id is checked only when aud is absent; with both, aud decides.
  const audiences =
    claims.aud === undefined
      ? typeof claims.client_id === 'string'
        ? [claims.client_id]
        : []
      : Array.isArray(claims.aud)
        ? claims.aud
        : [claims.aud];
  if (!audiences.some((audience) => authorizer.audience.includes(audience))) return refuse(DESCRIPTIONS.audience);

  const scopes =
    typeof claims.scope === 'string' && claims.scope.trim() !== '' ? claims.scope.trim().split(/\s+/) : null;
  const required = options.requiredScopes ?? [];
  if (required.length > 0 && !required.some((scope) => scopes?.includes(scope))) {
    return {
      ok: false,
      statusCode: 403,
      message: 'Forbidden',
      wwwAuthenticate: `Bearer scope="${required.join(' ')}" error="insufficient_scope" error_description="expected scopes: [${required.join(' ')}]"`,
    };
  }
  return { ok: true, context: { jwt: { claims: stringClaims(claims), scopes } } };
}

/**
 * Claims as API Gateway passes them: every value a string, numbers in decimal, and arrays in Go's
 * print format — `cognito:groups: ["a","b"]` arrives as "[a b]".
 */
function stringClaims(claims: JWTPayload): Record<string, string> {
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, goString(value)]));
}

function goString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(goString).join(' ')}]`;
  if (value !== null && typeof value === 'object') {
    return `map[${Object.keys(value)
      .sort()
      .map((key) => `${key}:${goString((value as Record<string, unknown>)[key])}`)
      .join(' ')}]`;
  }
  return String(value);
}
