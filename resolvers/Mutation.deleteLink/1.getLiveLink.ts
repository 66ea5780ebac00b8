// @dataSource LinksTable
// The caller's link by key (strongly consistent); NotFound when absent or already deleted.
import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteLinkArgs } from '../../generated/graphql.ts';
import { get } from '@aws-appsync/utils/dynamodb';
import { raiseIfDataSourceError, raiseNotFound, raiseUnauthorized, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context<MutationDeleteLinkArgs>) {
  return get({
    key: { user_id: viewerSub(ctx) ?? raiseUnauthorized(), link_id: ctx.args.linkId },
    consistentRead: true,
  });
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  if (!ctx.result || ctx.result.is_deleted === true) {
    raiseNotFound('Link not found.', 'linkId');
  }
  ctx.stash.link = ctx.result;
  return ctx.result;
}
