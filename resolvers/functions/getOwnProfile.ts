// @dataSource ProfilesTable
// Step shared by owner pipelines: the profile named by the caller's users row (stash.account),
// read by key and strongly consistent. Stashed as `profile`; null when the account has none.
import type { Context } from '@aws-appsync/utils';
import { runtime } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { raiseIfDataSourceError, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context) {
  const username = ctx.stash.account ? ctx.stash.account.username : null;
  if (!username) {
    ctx.stash.profile = null;
    runtime.earlyReturn(null);
  }
  return get({ key: { username }, consistentRead: true });
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  const sub = viewerSub(ctx);
  // A row under the account's name that another user owns means the account row is stale;
  // never show or touch someone else's profile.
  ctx.stash.profile = ctx.result && sub && ctx.result.user_id === sub ? ctx.result : null;
  return ctx.stash.profile;
}
