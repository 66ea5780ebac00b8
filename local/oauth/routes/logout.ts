// GET /logout: with logout_uri (one of the client's sign-out URLs) it sends the user there; with
// redirect_uri and response_type (one of its callback URLs) it starts a new sign-in. Tokens stay
// valid, as on AWS (revocation is a separate endpoint). Locally there is no managed-login session
// cookie to clear: every sign-in asks again.
import type { Hono } from 'hono';
import type { ManagedLoginContext } from '../context.ts';

/** Registers the logout endpoint. */
export function logoutRoutes(app: Hono, ctx: ManagedLoginContext): void {
  app.get('/logout', async (c) => {
    const query = c.req.query();
    const found = query.client_id ? await ctx.store.appClient(query.client_id) : null;
    const client = found?.UserPoolId === ctx.userPoolId ? found : null;
    const toError = (error: string, description: string) =>
      c.redirect(`/error?${new URLSearchParams({ error, error_description: description }).toString()}`, 302);
    if (client === null) return toError('invalid_request', 'client_id is missing or unknown.');
    if (query.logout_uri !== undefined) {
      if (!(client.LogoutURLs ?? []).includes(query.logout_uri))
        return toError('redirect_mismatch', "logout_uri is not one of the app client's sign-out URLs.");
      return c.redirect(query.logout_uri, 302);
    }
    if (query.redirect_uri !== undefined && query.response_type !== undefined) {
      return c.redirect(`/oauth2/authorize?${new URL(c.req.url).searchParams.toString()}`, 302);
    }
    return toError('invalid_request', 'Send logout_uri, or redirect_uri with response_type.');
  });
}
