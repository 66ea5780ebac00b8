// POST /oauth2/token: the authorization-code grant (the code once, the same client and redirect
// URI, the PKCE verifier) and the refresh-token grant. Errors are Cognito's: HTTP 400 with
// `{"error": "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" |
// "unsupported_grant_type"}` and nothing else ("Token endpoint", negative responses).
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { StoredAppClient, StoredUser, StoredUserPool } from '../../services/cognito.ts';
import type { ManagedLoginContext, RefreshGrant } from '../context.ts';
import { verifierMatches } from '../pkce.ts';
import { issueTokens } from '../userPoolTokens.ts';

const tokenError = (c: Context, error: string) =>
  c.json({ error }, 400, { 'cache-control': 'no-store', pragma: 'no-cache' });

/** Registers the token endpoint. */
export function tokenRoutes(app: Hono, ctx: ManagedLoginContext): void {
  app.post('/oauth2/token', async (c) => {
    if (!(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded'))
      return tokenError(c, 'invalid_request');
    const form = (await c.req.parseBody()) as Record<string, string | undefined>;
    const client = await authenticateClient(ctx, c.req.header('authorization'), form);
    if (client === null) return tokenError(c, 'invalid_client');
    switch (form.grant_type) {
      case undefined:
        return tokenError(c, 'invalid_request');
      case 'authorization_code':
        return codeGrant(c, ctx, client, form);
      case 'refresh_token':
        return refreshGrant(c, ctx, client, form);
      case 'client_credentials':
        return tokenError(c, 'unauthorized_client');
      default:
        return tokenError(c, 'unsupported_grant_type');
    }
  });
}

async function codeGrant(
  c: Context,
  ctx: ManagedLoginContext,
  client: StoredAppClient,
  form: Record<string, string | undefined>,
) {
  if (!form.code || !form.redirect_uri) return tokenError(c, 'invalid_request');
  if (!(client.AllowedOAuthFlows ?? []).includes('code')) return tokenError(c, 'unauthorized_client');
  // Taken whatever happens next: a code is good for one exchange (RFC 6749 §4.1.2).
  const grant = ctx.codes.take(form.code);
  if (
    grant === undefined ||
    grant.request.clientId !== client.ClientId ||
    grant.request.redirectUri !== form.redirect_uri
  )
    return tokenError(c, 'invalid_grant');
  // RFC 7636 §4.6: a missing or wrong verifier for a PKCE-bound code is invalid_grant.
  if (!form.code_verifier || !verifierMatches(form.code_verifier, grant.request.codeChallenge))
    return tokenError(c, 'invalid_grant');
  const pool = await ctx.store.userPool(ctx.userPoolId);
  const user = await pool.getUser(grant.username);
  if (user === null || !user.Enabled) return tokenError(c, 'invalid_grant');

  const refreshToken = randomBytes(48).toString('base64url');
  const meta: RefreshGrant = {
    clientId: client.ClientId,
    username: user.Username,
    scopes: grant.request.scopes,
    authTime: grant.authTime,
    originJti: randomUUID(),
  };
  const tokens = await issue(ctx, pool, client, user, meta, grant.request.nonce);
  // Kept on the user as cognito-local keeps its own, so InitiateAuth REFRESH_TOKEN_AUTH accepts it too.
  await pool.storeRefreshToken(user, refreshToken);
  ctx.refreshGrants.set(refreshToken, meta);
  return c.json({ ...tokens, refresh_token: refreshToken }, 200, { 'cache-control': 'no-store', pragma: 'no-cache' });
}

async function refreshGrant(
  c: Context,
  ctx: ManagedLoginContext,
  client: StoredAppClient,
  form: Record<string, string | undefined>,
) {
  if (!form.refresh_token) return tokenError(c, 'invalid_request');
  const pool = await ctx.store.userPool(ctx.userPoolId);
  const user = await pool.userByRefreshToken(form.refresh_token);
  if (user === null || !user.Enabled) return tokenError(c, 'invalid_grant');
  // A refresh token from USER_PASSWORD_AUTH (or from before a restart) has no recorded grant.
  const meta = ctx.refreshGrants.get(form.refresh_token) ?? {
    clientId: client.ClientId,
    username: user.Username,
    scopes: client.AllowedOAuthScopes ?? [],
    authTime: Math.floor(ctx.now() / 1000),
    originJti: randomUUID(),
  };
  if (meta.clientId !== client.ClientId) return tokenError(c, 'invalid_grant');
  // The refresh grant returns no new refresh token.
  return c.json(await issue(ctx, pool, client, user, meta), 200, { 'cache-control': 'no-store', pragma: 'no-cache' });
}

async function issue(
  ctx: ManagedLoginContext,
  pool: StoredUserPool,
  client: StoredAppClient,
  user: StoredUser,
  meta: RefreshGrant,
  nonce?: string,
) {
  const tokens = await issueTokens({
    user,
    groups: await pool.groupsOf(user),
    client,
    scopes: meta.scopes,
    issuer: ctx.issuer,
    authTime: meta.authTime,
    originJti: meta.originJti,
    nowSeconds: Math.floor(ctx.now() / 1000),
    ...(nonce === undefined ? {} : { nonce }),
  });
  return {
    ...(tokens.idToken === undefined ? {} : { id_token: tokens.idToken }),
    access_token: tokens.accessToken,
    expires_in: tokens.expiresIn,
    token_type: 'Bearer',
  };
}

/** The calling app client: HTTP Basic (id:secret) or client_id in the body; a client with a secret must send it. */
async function authenticateClient(
  ctx: ManagedLoginContext,
  authorization: string | undefined,
  form: Record<string, string | undefined>,
): Promise<StoredAppClient | null> {
  let clientId = form.client_id;
  let secret = form.client_secret;
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator < 0) return null;
    clientId = decodeURIComponent(decoded.slice(0, separator));
    secret = decodeURIComponent(decoded.slice(separator + 1));
  }
  if (!clientId) return null;
  const client = await ctx.store.appClient(clientId);
  if (client === null || client.UserPoolId !== ctx.userPoolId) return null;
  if (client.ClientSecret === undefined ? secret !== undefined && secret !== '' : secret !== client.ClientSecret)
    return null;
  return client;
}
