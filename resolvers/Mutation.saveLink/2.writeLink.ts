// @dataSource LinksTable
// The caller's live link (read by 1.getLink): an update of that link only if it is still live.
// Otherwise a new link under the input's id (or a generated one), written in one transaction with
// the owner's live-link counter so the 100-link bound holds under concurrency; it may replace a
// deleted link of the same id, never a live one. Either write losing a race is a Conflict. A new
// link is written only while the account has no tombstone: one saved while the account is being
// deleted would outlive the erasure.
import type { Context } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import { accountJobsTable, accountNotDeletedCheck, raiseAccountDeleted } from '../lib/accountJobs.ts';
import { cancellationTypes, raiseConflict, raiseUnauthorized, viewerSub } from '../lib/errors.ts';
import { LINKS_MAX } from '../lib/limits.ts';
import type { LinkPlan } from '../lib/linkInput.ts';
import { linkCounterUpdate, liveLinkCondition } from '../lib/linkWrites.ts';
import { condition, tables, updateExpression } from '../lib/writeRequests.ts';

// Where the link and the owner's live-link counter sit in a new link's transaction (cancellation
// reasons come back in request order).
const LINK_PUT = 0;
const COUNTER_UPDATE = 1;
// Where the tombstone check sits (resolvers/lib/accountJobs.ts).
const ACCOUNT_NOT_DELETED = 2;

const RACE_LOST = 'The link changed while it was being saved; try again.';

export function request(ctx: Context) {
  const sub = viewerSub(ctx) ?? raiseUnauthorized();
  const link = ctx.stash.plan as LinkPlan;
  const stored = ctx.prev.result;
  const now = util.time.nowISO8601();
  const t = tables(ctx.env);

  if (stored && stored.is_deleted !== true) {
    const set: Record<string, unknown> = { title: link.title, url: link.url, updated_at: now };
    if (link.order !== null) {
      set.order = link.order;
    }
    ctx.stash.kind = 'update';
    return {
      operation: 'UpdateItem',
      key: util.dynamodb.toMapValues({ user_id: sub, link_id: stored.link_id }),
      update: updateExpression(set, []),
      condition: liveLinkCondition(),
    };
  }

  const item = {
    user_id: sub,
    link_id: link.linkId ?? util.autoId(),
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
      // LINK_PUT
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
        // Nothing there, or a deleted link: a live link of that id appearing since the read is a lost race.
        condition: condition(
          'attribute_not_exists(#id) OR #deleted = :true',
          { '#id': 'link_id', '#deleted': 'is_deleted' },
          { ':true': true },
        ),
      },
      linkCounterUpdate(t.users, sub, 1), // COUNTER_UPDATE
      accountNotDeletedCheck(accountJobsTable(ctx.env), sub), // ACCOUNT_NOT_DELETED
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    const reasons = cancellationTypes(ctx.result);
    if (ctx.stash.kind === 'update' && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      raiseConflict(RACE_LOST, 'input.linkId');
    }
    if (reasons[ACCOUNT_NOT_DELETED] === 'ConditionalCheckFailed') {
      raiseAccountDeleted();
    }
    if (reasons[LINK_PUT] === 'ConditionalCheckFailed') {
      raiseConflict(RACE_LOST, 'input.linkId');
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
  return ctx.stash.kind === 'update' ? ctx.result : ctx.stash.item;
}
