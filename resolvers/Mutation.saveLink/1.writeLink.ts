// @dataSource LinksTable
// Without linkId: a new link, written in one transaction with the owner's live-link counter so
// the 100-link bound holds under concurrency, and only while the account has no tombstone (a link
// saved while the account is being deleted would outlive the erasure). With linkId: an update of
// the caller's own live link (the key includes the caller's sub, so another user's link is simply
// not found; a link the erasure already removed is not found either).
import type { Context } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import type { MutationSaveLinkArgs } from '../../generated/graphql.ts';
import { accountJobsTable, accountNotDeletedCheck, raiseAccountDeleted } from '../lib/accountJobs.ts';
import { cancellationTypes, raiseBadRequest, raiseNotFound, raiseUnauthorized, viewerSub } from '../lib/errors.ts';
import { LINKS_MAX } from '../lib/limits.ts';
import { planLink } from '../lib/linkInput.ts';
import { linkCounterUpdate, liveLinkCondition } from '../lib/linkWrites.ts';
import { toLink } from '../lib/linkView.ts';
import { condition, tables, updateExpression } from '../lib/writeRequests.ts';

// Where the owner's live-link counter sits in a new link's transaction (cancellation reasons come
// back in request order).
const COUNTER_UPDATE = 1;
// Where the tombstone check sits (resolvers/lib/accountJobs.ts).
const ACCOUNT_NOT_DELETED = 2;

export function request(ctx: Context<MutationSaveLinkArgs>) {
  const sub = viewerSub(ctx) ?? raiseUnauthorized();
  const checked = planLink(ctx.args.input);
  if (!checked.ok) {
    return raiseBadRequest(checked.problem);
  }
  const link = checked.value;
  const now = util.time.nowISO8601();
  const t = tables(ctx.env);

  if (link.linkId) {
    const set: Record<string, unknown> = { title: link.title, url: link.url, updated_at: now };
    if (link.order !== null) {
      set.order = link.order;
    }
    ctx.stash.kind = 'update';
    return {
      operation: 'UpdateItem',
      key: util.dynamodb.toMapValues({ user_id: sub, link_id: link.linkId }),
      update: updateExpression(set, []),
      condition: liveLinkCondition(),
    };
  }

  const item = {
    user_id: sub,
    link_id: util.autoId(),
    title: link.title,
    url: link.url,
    order: link.order ?? 0,
    is_deleted: false,
    created_at: now,
    updated_at: now,
  };
  ctx.stash.kind = 'create';
  ctx.stash.item = item;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table: t.links,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues({ user_id: sub, link_id: item.link_id }),
        // in_link_count: this link holds a slot of the counter (seed-era links do not); deleteLink reads it.
        attributeValues: util.dynamodb.toMapValues({
          title: item.title,
          url: item.url,
          order: item.order,
          is_deleted: false,
          in_link_count: true,
          created_at: now,
          updated_at: now,
        }),
        condition: condition('attribute_not_exists(#id)', { '#id': 'link_id' }, {}),
      },
      linkCounterUpdate(t.users, sub, 1), // COUNTER_UPDATE
      accountNotDeletedCheck(accountJobsTable(ctx.env), sub), // ACCOUNT_NOT_DELETED
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.stash.kind === 'update' && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      raiseNotFound('Link not found.', 'input.linkId');
    }
    const reasons = cancellationTypes(ctx.result);
    if (reasons[ACCOUNT_NOT_DELETED] === 'ConditionalCheckFailed') {
      raiseAccountDeleted();
    }
    if (reasons[COUNTER_UPDATE] === 'ConditionalCheckFailed') {
      const account = ctx.result.cancellationReasons[COUNTER_UPDATE].item;
      util.error(
        account
          ? `You can have at most ${LINKS_MAX} links; delete one first.`
          : 'Save your profile (claim a username) before adding links.',
        'BadRequest',
      );
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return toLink(ctx.stash.kind === 'update' ? ctx.result : ctx.stash.item);
}
