// @dataSource LinksTable
// The caller's link under the id the input names (strongly consistent), or null: absent when the
// input names none or nothing is stored there. Deleted links are returned as stored; the write
// step treats them as absent.
import type { Context } from '@aws-appsync/utils';
import { runtime } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { raiseIfDataSourceError, raiseUnauthorized, viewerSub } from '../lib/errors.ts';
import type { LinkPlan } from '../lib/linkInput.ts';

export function request(ctx: Context) {
  const plan = ctx.stash.plan as LinkPlan;
  if (!plan.linkId) {
    runtime.earlyReturn(null);
  }
  return get({ key: { user_id: viewerSub(ctx) ?? raiseUnauthorized(), link_id: plan.linkId }, consistentRead: true });
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  return ctx.result ?? null;
}
