// GET /oauth2/authorize, GET|POST /login and GET /error: the browser-facing half of managed login.
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { StoredAppClient } from '../../services/cognito.ts';
import { checkAuthorizeRequest, withQuery } from '../authorizeRequest.ts';
import type { AuthorizationRequest, AuthorizeOutcome } from '../authorizeRequest.ts';
import type { ManagedLoginContext } from '../context.ts';
import { errorPage, signInPage } from '../pages.ts';
import { upstreamAuthorizeUrl } from '../upstream.ts';

/** Registers the authorize endpoint, the sign-in page and the error page. */
export function authorizeRoutes(app: Hono, ctx: ManagedLoginContext): void {
  app.get('/oauth2/authorize', async (c) => {
    const { outcome } = await checkRequest(ctx, c.req.query());
    if (outcome.kind !== 'ok') return refuse(c, outcome);
    const { request } = outcome;
    const provider = request.identityProvider;
    if (provider === undefined || provider === 'COGNITO') {
      return c.redirect(`/login?${new URL(c.req.url).searchParams.toString()}`, 302);
    }
    const upstream = ctx.providers.get(provider);
    if (upstream === undefined) {
      return refuse(
        c,
        redirectError(request, 'invalid_request', `The user pool has no identity provider ${provider}.`),
      );
    }
    const nonce = randomBytes(16).toString('base64url');
    const state = ctx.pending.issue({ request, provider, nonce });
    return c.redirect(await upstreamAuthorizeUrl(upstream, `${ctx.baseUrl}/oauth2/idpresponse`, state, nonce), 302);
  });

  app.get('/login', async (c) => {
    const { client, outcome } = await checkRequest(ctx, c.req.query());
    if (outcome.kind !== 'ok') return refuse(c, outcome);
    return c.html(signInPage(outcome.request, externalProviders(ctx, client), new URL(c.req.url).search.slice(1)));
  });

  app.post('/login', async (c) => {
    const form = (await c.req.parseBody()) as Record<string, string>;
    const { username = '', password = '', ...fields } = form;
    const { client, outcome } = await checkRequest(ctx, fields);
    if (outcome.kind !== 'ok') return refuse(c, outcome);
    const query = new URLSearchParams(fields).toString();
    let userName: string;
    try {
      userName = await ctx.nativeSignIn(outcome.request.clientId, username, password);
    } catch {
      // Cognito's page says the same for an unknown user, a wrong password and an unconfirmed account.
      return c.html(
        signInPage(outcome.request, externalProviders(ctx, client), query, 'Incorrect username or password.'),
      );
    }
    return c.redirect(issueCodeRedirect(ctx, outcome.request, userName), 302);
  });

  app.get('/error', (c) =>
    c.html(errorPage(c.req.query('error') ?? 'unknown_error', c.req.query('error_description')), 400),
  );
}

/** Issues a code for `username` and returns the app's callback URL carrying it and the caller's state. */
export function issueCodeRedirect(ctx: ManagedLoginContext, request: AuthorizationRequest, username: string): string {
  const code = ctx.codes.issue({ request, username, authTime: Math.floor(ctx.now() / 1000) });
  return withQuery(request.redirectUri, { code, state: request.state });
}

/** The app client a request names (only this pool's) and the verdict on the request. */
async function checkRequest(
  ctx: ManagedLoginContext,
  query: Record<string, string | undefined>,
): Promise<{ client: StoredAppClient | null; outcome: AuthorizeOutcome }> {
  const found = query.client_id ? await ctx.store.appClient(query.client_id) : null;
  const client = found?.UserPoolId === ctx.userPoolId ? found : null;
  return { client, outcome: checkAuthorizeRequest(query, client) };
}

function redirectError(
  request: AuthorizationRequest,
  error: string,
  description: string,
): Exclude<AuthorizeOutcome, { kind: 'ok' }> {
  return { kind: 'redirect-error', redirectUri: request.redirectUri, error, description, state: request.state };
}

/** An error the user sees on the domain (no trusted redirect URI), or one sent to the app's callback. */
export function refuse(c: Context, outcome: Exclude<AuthorizeOutcome, { kind: 'ok' }>): Response {
  if (outcome.kind === 'error-page') {
    const query = new URLSearchParams({ error: outcome.error, error_description: outcome.description });
    return c.redirect(`/error?${query.toString()}`, 302);
  }
  return c.redirect(
    withQuery(outcome.redirectUri, {
      error_description: outcome.description,
      state: outcome.state,
      error: outcome.error,
    }),
    302,
  );
}

function externalProviders(ctx: ManagedLoginContext, client: StoredAppClient | null): string[] {
  return (client?.SupportedIdentityProviders ?? []).filter((name) => ctx.providers.has(name));
}
