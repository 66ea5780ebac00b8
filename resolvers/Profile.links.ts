// @dataSource LinksTable
// A profile's live links, ordered by `order`. One Query on the owner's partition; soft-deleted
// links are dropped by the filter (they still cost read capacity, a known trade-off of the
// seed's soft delete).
import type { Context } from '@aws-appsync/utils';
import { runtime } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { raiseIfDataSourceError } from './lib/errors.ts';
import { liveLinksInOrder, toLink } from './lib/linkView.ts';

export function request(ctx: Context) {
  const userId = ctx.source ? (ctx.source as { userId?: string }).userId : undefined;
  if (!userId) {
    runtime.earlyReturn([]);
  }
  return query({
    query: { user_id: { eq: userId } },
    filter: { or: [{ is_deleted: { attributeExists: false } }, { is_deleted: { eq: false } }] },
  });
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  return liveLinksInOrder(ctx.result.items).map((item) => toLink(item));
}
