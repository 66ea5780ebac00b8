// @dataSource LinksTable
// The caller's link by key (strongly consistent); NotFound when absent or already deleted.
import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteLinkArgs } from '../../generated/graphql.ts';
import { util } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { raiseIfDataSourceError } from '../lib/errors.ts';

export function request(ctx: Context<MutationDeleteLinkArgs>) {
  return get({
    key: { user_id: (ctx.identity as { sub: string }).sub, link_id: ctx.args.linkId },
    consistentRead: true,
  });
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  if (!ctx.result || ctx.result.is_deleted === true) {
    util.error('Link not found.', 'NotFound', null, { field: 'linkId' });
  }
  ctx.stash.link = ctx.result;
  return ctx.result;
}
