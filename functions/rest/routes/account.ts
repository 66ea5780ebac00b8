// Leaving ProLynk in the seed's REST style (README "Leaving ProLynk", docs/rest-contract.md):
// DELETE /users/me with the typed confirmation, GET /users/me/export. Errors as for the other
// routes (400 wrong or missing confirmation, 401, 409 an export within the minute).
import type { Context } from 'hono';
import type { AccountDeletion, AccountExport } from '../../../generated/graphql.ts';
import type { GraphqlClient } from '../../lib/appsyncClient.ts';
import { parseJsonObject, requireFields } from '../mapping/requestBody.ts';
import { DELETE_ACCOUNT_MUTATION, EXPORT_ACCOUNT_MUTATION } from '../operations.ts';
import { requireToken } from '../requestAuth.ts';
import type { RestEnv } from '../restEnv.ts';
import { runOperation } from '../runOperation.ts';

/** DELETE /users/me: starts the caller's account deletion once the body's username confirms it (202). */
export async function deleteAccount(c: Context<RestEnv>, graphql: GraphqlClient): Promise<Response> {
  c.set('operation', 'deleteAccount');
  const auth = requireToken(c);
  const body = parseJsonObject(await c.req.text());
  requireFields(body, ['username']);
  const deletion = await runOperation<AccountDeletion>(
    graphql,
    // A non-string username goes through as is, for GraphQL's own type error (400).
    { query: DELETE_ACCOUNT_MUTATION, variables: { input: { username: body.username } }, auth },
    'deleteAccount',
  );
  if (deletion === null) throw new Error('deleteAccount returned nothing and no error.');
  return c.json({ message: 'Account deletion started' }, 202);
}

/** GET /users/me/export: a 15-minute download link to everything stored about the caller. */
export async function exportAccount(c: Context<RestEnv>, graphql: GraphqlClient): Promise<Response> {
  c.set('operation', 'exportAccount');
  const exported = await runOperation<AccountExport>(
    graphql,
    { query: EXPORT_ACCOUNT_MUTATION, auth: requireToken(c) },
    'exportAccount',
  );
  if (exported === null) throw new Error('exportAccount returned nothing and no error.');
  return c.json({ url: exported.url, expires_at: exported.expiresAt });
}
