// Leaving ProLynk in the seed's REST style (README "Leaving ProLynk"): DELETE /users/me with the
// typed confirmation, GET /users/me/export. Errors as for the other routes (400 wrong or missing
// confirmation, 401, 409 an export within the minute).
import type { Hono } from 'hono';
import type { GraphqlClient } from '../../lib/appsyncClient.ts';
import { parseJsonObject, requireFields } from '../mapping/requestBody.ts';
import { DELETE_ACCOUNT_MUTATION, EXPORT_ACCOUNT_MUTATION } from '../operations.ts';
import { requireToken } from '../requestAuth.ts';
import type { RestEnv } from '../restEnv.ts';
import { runOperation } from '../runOperation.ts';

/** Registers the account deletion and export routes on `app`. */
export function accountRoutes(app: Hono<RestEnv>, graphql: GraphqlClient): void {
  app.delete('/users/me', async (c) => {
    c.set('operation', 'deleteAccount');
    const auth = requireToken(c);
    const body = parseJsonObject(await c.req.text());
    requireFields(body, ['username']);
    const deletion = await runOperation<{ status: string; requestedAt: string }>(
      graphql,
      // A non-string username goes through as is, for GraphQL's own type error (400).
      { query: DELETE_ACCOUNT_MUTATION, variables: { input: { username: body.username } }, auth },
      'deleteAccount',
    );
    if (deletion === null) throw new Error('deleteAccount returned nothing and no error.');
    return c.json({ message: 'Account deletion started' }, 202);
  });

  app.get('/users/me/export', async (c) => {
    c.set('operation', 'exportAccount');
    const exported = await runOperation<{ url: string; expiresAt: string }>(
      graphql,
      { query: EXPORT_ACCOUNT_MUTATION, auth: requireToken(c) },
      'exportAccount',
    );
    if (exported === null) throw new Error('exportAccount returned nothing and no error.');
    return c.json({ url: exported.url, expires_at: exported.expiresAt });
  });
}
