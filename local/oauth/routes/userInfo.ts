// GET|POST /oauth2/userInfo: the signed-in user's attributes for an access token from managed login,
// as strings (email_verified "true", identities as a JSON string), limited by the token's scopes.
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTPayload } from 'jose';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Context, Hono } from 'hono';
import type { ManagedLoginContext } from '../context.ts';

// The words Cognito uses for an access token it will not serve.
const INVALID_TOKEN = 'Access token is expired, disabled, or deleted, or the user has globally signed out.';
const EMAIL = new Set(['email', 'email_verified']);
const PHONE = new Set(['phone_number', 'phone_number_verified']);

/** Registers the userInfo endpoint. */
export function userInfoRoutes(app: Hono, ctx: ManagedLoginContext): void {
  const keys = createLocalJWKSet(cognitoLocalPublicJwks());
  const handler = async (c: Context) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (token === undefined) return invalidToken(c);
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, { issuer: ctx.issuer, algorithms: ['RS256'] }));
    } catch {
      return invalidToken(c);
    }
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    if (
      claims.token_use !== 'access' ||
      !(scopes.includes('openid') || scopes.includes('aws.cognito.signin.user.admin'))
    )
      return invalidToken(c);
    const user = await (await ctx.store.userPool(ctx.userPoolId)).getUser(String(claims.username));
    if (user === null || !user.Enabled) return invalidToken(c);

    const admin = scopes.includes('aws.cognito.signin.user.admin');
    const body: Record<string, string> = { username: user.Username };
    for (const { Name, Value } of user.Attributes) {
      const allowed =
        Name === 'sub' ||
        admin ||
        (EMAIL.has(Name)
          ? scopes.includes('email')
          : PHONE.has(Name)
            ? scopes.includes('phone')
            : scopes.includes('profile'));
      if (allowed) body[Name] = Value;
    }
    return c.json(body, 200, { 'cache-control': 'no-store' });
  };
  app.get('/oauth2/userInfo', handler);
  app.post('/oauth2/userInfo', handler);
}

function invalidToken(c: Context) {
  return c.json({ error: 'invalid_token', error_description: INVALID_TOKEN }, 401, {
    'www-authenticate': `Bearer error="invalid_token", error_description="${INVALID_TOKEN}"`,
  });
}

function cognitoLocalPublicJwks(): JSONWebKeySet {
  const entry = createRequire(import.meta.url).resolve('cognito-local');
  const file = join(dirname(entry), 'keys', 'cognitoLocal.public.json');
  return { keys: [(JSON.parse(readFileSync(file, 'utf8')) as { jwk: JSONWebKeySet['keys'][number] }).jwk] };
}
