// GET /oauth2/idpresponse: where external providers send the user back. The `state` Cognito sent
// names the waiting sign-in (single use, ten minutes); the provider's code is exchanged, the
// identity mapped, the Cognito user found or created (./federatedUsers.ts), and the app gets a code.
import type { Hono } from 'hono';
import { withQuery } from '../authorizeRequest.ts';
import type { ManagedLoginContext } from '../context.ts';
import { signInExternalUser } from '../federatedUsers.ts';
import { errorPage } from '../pages.ts';
import { exchangeUpstreamCode, mapAttributes } from '../upstream.ts';
import { issueCodeRedirect } from './authorize.ts';

/** Registers the external providers' redirect endpoint. */
export function idpResponseRoutes(app: Hono, ctx: ManagedLoginContext): void {
  app.get('/oauth2/idpresponse', async (c) => {
    const { state, code, error, error_description: description } = c.req.query();
    const pending = state ? ctx.pending.take(state) : undefined;
    if (pending === undefined) {
      // A forged, replayed or expired state: nothing is sent to any app.
      return c.html(errorPage('invalid_state', 'The sign-in state is missing, unknown, already used or expired.'), 400);
    }
    const { request } = pending;
    const toApp = (errorCode: string, message: string) =>
      c.redirect(
        withQuery(request.redirectUri, { error_description: message, state: request.state, error: errorCode }),
        302,
      );
    if (error !== undefined) return toApp(error, description ?? `${pending.provider} refused the sign-in.`);
    if (!code) return toApp('invalid_request', `${pending.provider} returned no code.`);

    const upstream = ctx.providers.get(pending.provider);
    if (upstream === undefined)
      return toApp('invalid_request', `The user pool has no identity provider ${pending.provider}.`);
    try {
      const identity = await exchangeUpstreamCode(upstream, code, `${ctx.baseUrl}/oauth2/idpresponse`, pending.nonce);
      const pool = await ctx.store.userPool(ctx.userPoolId);
      const user = await signInExternalUser(
        pool,
        request.clientId,
        {
          provider: upstream.definition,
          userId: identity.userId,
          attributes: mapAttributes(upstream.definition.attributeMapping, identity.claims),
        },
        ctx.invokeTrigger,
      );
      return c.redirect(issueCodeRedirect(ctx, request, user.Username), 302);
    } catch (failure) {
      // Cognito sends trigger refusals and provider failures to the app as invalid_request.
      return toApp('invalid_request', (failure as Error).message);
    }
  });
}
