// @dataSource StatsLambda
// The caller's own stats: the user id is the token's sub, never an argument. Summing the counter
// shards (up to 32 Queries, paginated) is the stats Lambda's job (README "Profile stats").
import type { Context } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import type { ProfileStats, QueryMyStatsArgs } from '../../generated/graphql.ts';
import { raiseIfDataSourceError, raiseUnauthorized, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context<QueryMyStatsArgs>) {
  return {
    operation: 'Invoke',
    payload: { action: 'myStats', userId: viewerSub(ctx) ?? raiseUnauthorized(), from: ctx.args.from, to: ctx.args.to },
  };
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  const answer = ctx.result as { ok: boolean; stats?: ProfileStats; errorType?: string; message?: string };
  if (!answer.ok) {
    util.error(answer.message as string, answer.errorType);
  }
  return answer.stats;
}
