// @dataSource ProfilesTable
// Step shared by owner pipelines: the profile named by the caller's users row (stash.account),
// read by key and strongly consistent. Stashed as `profile`; null when the account has none.
// A seed-era user may own a profile that no users row names (their account row is missing or
// names nothing): saveProfile stashes the name the caller sends, exactly as given (the seed
// stored names as typed), as `ownNameCandidate`, and a profile under it that the caller owns is
// theirs (docs/architecture.md §3).
import type { Context } from '@aws-appsync/utils';
import { runtime } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { raiseIfDataSourceError, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context) {
  const named = ctx.stash.account ? ctx.stash.account.username : null;
  const username = named ? named : (ctx.stash.ownNameCandidate ?? null);
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
