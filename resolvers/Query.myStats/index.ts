// The caller's own profile stats. Steps: the tombstone check (a deleted account's tokens get
// Unauthorized), then the stats Lambda (1.readStats).
import type { Context } from '@aws-appsync/utils';
import type { QueryMyStatsArgs } from '../../generated/graphql.ts';
import { raiseUnauthorized, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context<QueryMyStatsArgs>) {
  if (!viewerSub(ctx)) {
    raiseUnauthorized();
  }
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
