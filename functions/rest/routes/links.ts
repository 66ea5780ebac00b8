// The seed's Links endpoints: POST /links, DELETE /links/{id}.
import type { Context } from 'hono';
import type { GraphqlClient } from '../../lib/appsyncClient.ts';
import { HttpError } from '../httpErrors.ts';
import type { LinkFields } from '../mapping/linkMapping.ts';
import { toLinkInput, toLinkJson } from '../mapping/linkMapping.ts';
import { parseJsonObject } from '../mapping/requestBody.ts';
import { DELETE_LINK_MUTATION, SAVE_LINK_MUTATION } from '../operations.ts';
import { callerSub, requireToken } from '../requestAuth.ts';
import type { RestEnv } from '../restEnv.ts';
import { runOperation } from '../runOperation.ts';

/** POST /links: creates or updates one of the caller's links. */
export async function saveLink(c: Context<RestEnv>, graphql: GraphqlClient): Promise<Response> {
  c.set('operation', 'saveLink');
  const auth = requireToken(c);
  const input = toLinkInput(parseJsonObject(await c.req.text()));
  const link = await runOperation<LinkFields>(
    graphql,
    { query: SAVE_LINK_MUTATION, variables: { input }, auth },
    'saveLink',
  );
  if (link === null) throw new Error('saveLink returned no link and no error.');
  return c.json({ message: 'Link saved successfully', link: toLinkJson(link, callerSub(c)) });
}

/** DELETE /links/{id}: soft-deletes one of the caller's links. */
export async function deleteLink(c: Context<RestEnv>, graphql: GraphqlClient): Promise<Response> {
  c.set('operation', 'deleteLink');
  const auth = requireToken(c);
  const link = await runOperation<{ linkId: string }>(
    graphql,
    { query: DELETE_LINK_MUTATION, variables: { linkId: c.req.param('id') }, auth },
    'deleteLink',
  );
  if (link === null) throw new HttpError(404, 'Link not found');
  return c.json({ message: 'Link deleted successfully' });
}
