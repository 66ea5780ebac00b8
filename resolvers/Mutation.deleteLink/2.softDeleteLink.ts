// @dataSource LinksTable
// Flags the link deleted only if it is still live, and gives its slot back to the counter, in
// one transaction: a concurrent second delete finds it already deleted (NotFound). Only links
// saveLink counted (in_link_count) give a slot back: seed-era links were never counted, and
// decrementing for them would drive the counter below zero and lift the 100-link bound. The
// migration (ops/migrate) counts seed-era links in place, so the delete also requires the link
// to be counted exactly as step 1 read it; a link counted in between is a Conflict to retry,
// never a slot that is not given back.
import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteLinkArgs } from '../../generated/graphql.ts';
import { util } from '@aws-appsync/utils';
import { cancellationTypes, raiseConflict, raiseNotFound, raiseUnauthorized, viewerSub } from '../lib/errors.ts';
import { linkCounterUpdate, liveLinkCondition } from '../lib/linkWrites.ts';
import { tables, updateExpression } from '../lib/writeRequests.ts';

// The soft delete comes first in the transaction (cancellation reasons come back in request order).
const SOFT_DELETE = 0;

export function request(ctx: Context<MutationDeleteLinkArgs>) {
  const sub = viewerSub(ctx) ?? raiseUnauthorized();
  const now = util.time.nowISO8601();
  const t = tables(ctx.env);
  ctx.stash.deletedAt = now;
  const counted = ctx.stash.link.in_link_count === true;
  const live = liveLinkCondition();
  const softDelete = {
    table: t.links,
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ user_id: sub, link_id: ctx.args.linkId }),
    update: updateExpression({ is_deleted: true, updated_at: now }, []),
    condition: {
      expression: `${live.expression} AND ${counted ? '#counted = :true' : '(attribute_not_exists(#counted) OR #counted <> :true)'}`,
      expressionNames: { ...live.expressionNames, '#counted': 'in_link_count' },
      expressionValues: { ...live.expressionValues, ':true': util.dynamodb.toDynamoDB(true) },
    },
  };
  return {
    operation: 'TransactWriteItems',
    // softDelete at SOFT_DELETE; the counter follows only for a counted link.
    transactItems: counted ? [softDelete, linkCounterUpdate(t.users, sub, -1)] : [softDelete],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (cancellationTypes(ctx.result)[SOFT_DELETE] === 'ConditionalCheckFailed') {
      const current = ctx.result.cancellationReasons[SOFT_DELETE].item;
      if (current && current.is_deleted !== true) {
        raiseConflict('The link changed while it was being deleted; try again.', 'linkId');
      }
      raiseNotFound('Link not found.', 'linkId');
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return { ...ctx.stash.link, is_deleted: true, updated_at: ctx.stash.deletedAt };
}
