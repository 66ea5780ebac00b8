// @dataSource UsersTable
// Step shared by owner pipelines: the caller's users row, read by key with a strongly consistent
// read (docs/architecture.md §3: owner paths never read the eventually consistent GSI). Stashed as `account`.
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { raiseIfDataSourceError, raiseUnauthorized, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context) {
  return get({ key: { user_id: viewerSub(ctx) ?? raiseUnauthorized() }, consistentRead: true });
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  ctx.stash.account = ctx.result ?? null;
  return ctx.stash.account;
}
