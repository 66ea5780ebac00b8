// GET /users/me/stats?from=&to=: the owner's profile views and link clicks (myStats). The public
// counting routes (POST /profiles/{username}/views, GET /l/{username}/{link_id}) are not here:
// the stats function serves them itself, since it needs the visitor's own address.
import type { Context } from 'hono';
import type { ProfileStats } from '../../../generated/graphql.ts';
import type { GraphqlClient } from '../../lib/appsyncClient.ts';
import { HttpError } from '../httpErrors.ts';
import { toStatsJson } from '../mapping/statsMapping.ts';
import { MY_STATS_QUERY } from '../operations.ts';
import { requireToken } from '../requestAuth.ts';
import type { RestEnv } from '../restEnv.ts';
import { runOperation } from '../runOperation.ts';

/** GET /users/me/stats: the caller's views and clicks per day over a date range. */
export async function getMyStats(c: Context<RestEnv>, graphql: GraphqlClient): Promise<Response> {
  c.set('operation', 'myStats');
  const auth = requireToken(c);
  const from = c.req.query('from');
  const to = c.req.query('to');
  const missing = [from ? null : 'from', to ? null : 'to'].filter((name) => name !== null);
  if (missing.length > 0) throw new HttpError(400, `Missing ${missing.join(' and ')} parameter (YYYY-MM-DD)`);
  const stats = await runOperation<ProfileStats>(
    graphql,
    { query: MY_STATS_QUERY, variables: { from, to }, auth },
    'myStats',
  );
  if (stats === null) throw new Error('myStats returned no stats and no error.');
  return c.json(toStatsJson(stats, from as string, to as string));
}
