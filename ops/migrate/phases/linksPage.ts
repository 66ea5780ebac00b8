// The links phase, one Scan page at a time: check each link against today's rules, make its
// timestamps UTC, and count every live link the live-link counter does not count yet (the
// 100-link bound, docs/architecture.md §3). A link is counted exactly as saveLink counts a new
// one: the same transaction flags it `in_link_count` (only while it is live and uncounted) and
// adds to its owner's `link_count`, so a concurrent delete, save or second run can never count
// it twice or leave a slot behind (deleteLink requires the counted state it read).
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Item } from '../dynamo.ts';
import { batchGet, getItem, keyOf, unchangedSince, updateAction } from '../dynamo.ts';
import type { Finding } from '../findings.ts';
import { planLinkFixes } from '../fixes/linkFixes.ts';
import { isEmpty } from '../fixes/rowUpdate.ts';
import { linkRuleFindings } from '../rules/linkRules.ts';
import type { WriteUnit } from '../writeUnits.ts';
import { commitUnits, itemKey } from '../writeUnits.ts';
import type { PageResult, PhaseContext } from './phaseContext.ts';
import { changedUnderUs, emptyResult } from './phaseContext.ts';

// One unit holds at most 99 links and their owner's counter (a transaction holds 100 actions).
const LINKS_PER_UNIT = 99;

/** Processes one page of links. */
export async function linksPage(ctx: PhaseContext, items: Item[]): Promise<PageResult> {
  const result = emptyResult();
  const uncounted = new Map<string, Item[]>();
  const units: WriteUnit[] = [];
  for (const item of items) {
    result.findings.push(...linkRuleFindings(item));
    if (planLinkFixes(item).uncounted)
      uncounted.set(String(item.user_id), [...(uncounted.get(String(item.user_id)) ?? []), item]);
    else {
      const unit = timestampUnit(ctx, item);
      if (unit) units.push(unit);
    }
  }
  const owners = [...uncounted.keys()];
  const accounts = owners.length
    ? await batchGet(
        ctx.db,
        ctx.tables.users,
        owners.map((user_id) => ({ user_id })),
      )
    : new Map();
  for (const [owner, links] of uncounted) {
    if (!accounts.has(keyOf({ user_id: owner }, ['user_id']))) result.findings.push(...links.map(withoutAccount));
    else
      for (let at = 0; at < links.length; at += LINKS_PER_UNIT)
        units.push(countUnit(ctx, owner, links.slice(at, at + LINKS_PER_UNIT)));
  }
  await commitUnits(ctx, units, result);
  return result;
}

function linkKey(link: Item) {
  return { user_id: link.user_id, link_id: link.link_id };
}

function withoutAccount(link: Item): Finding {
  return {
    kind: 'unfixable',
    table: 'links',
    key: { user_id: String(link.user_id), link_id: String(link.link_id) },
    code: 'link-without-account',
    message:
      'its owner has no users row, so it cannot be counted yet: a later migrate run counts it once the account exists (first me or saveProfile)',
  };
}

/** A link that only needs its timestamps fixed (deleted, or counted already). */
function timestampUnit(ctx: PhaseContext, link: Item): WriteUnit | null {
  const plan = planLinkFixes(link);
  if (isEmpty(plan.update)) return null;
  return {
    keys: [itemKey(ctx.tables.links, linkKey(link))],
    actions: [updateAction(ctx.tables.links, linkKey(link), plan.update, unchangedSince(link, 'link_id'))],
    applied: (result) => {
      result.changed += 1;
      result.findings.push(...plan.findings);
    },
    replan: async () => {
      const fresh = await getItem(ctx.db, ctx.tables.links, linkKey(link));
      return fresh && !planLinkFixes(fresh).uncounted ? timestampUnit(ctx, fresh) : null;
    },
    gaveUp: (result) =>
      result.findings.push(changedUnderUs('links', { user_id: String(link.user_id), link_id: String(link.link_id) })),
  };
}

/** Counts `links` (all `owner`'s, uncounted when read) and adds them to the owner's counter, together. */
function countUnit(ctx: PhaseContext, owner: string, links: Item[]): WriteUnit {
  const actions: TransactWriteItem[] = links.map((link) => {
    const plan = planLinkFixes(link);
    const live = unchangedSince(link, 'link_id', {
      expression: '(attribute_not_exists(#cdel) OR #cdel = :cfalse) AND attribute_not_exists(#ccnt)',
      names: { '#cdel': 'is_deleted', '#ccnt': 'in_link_count' },
      values: { ':cfalse': false },
    });
    return updateAction(
      ctx.tables.links,
      linkKey(link),
      { ...plan.update, set: { ...plan.update.set, in_link_count: true } },
      live,
    );
  });
  actions.push({
    Update: {
      TableName: ctx.tables.users,
      Key: { user_id: { S: owner } },
      UpdateExpression: 'ADD #count :n',
      ConditionExpression: 'attribute_exists(#id)',
      ExpressionAttributeNames: { '#count': 'link_count', '#id': 'user_id' },
      ExpressionAttributeValues: { ':n': { N: String(links.length) } },
    },
  });
  return {
    keys: [
      ...links.map((link) => itemKey(ctx.tables.links, linkKey(link))),
      itemKey(ctx.tables.users, { user_id: owner }),
    ],
    actions,
    applied: (result) => {
      result.changed += links.length + 1;
      result.findings.push({
        kind: 'fixed',
        table: 'users',
        key: { user_id: owner },
        code: 'link-counted',
        field: 'link_count',
        message: `${links.length} seed-era live link(s) now count toward the 100-link bound`,
      });
      for (const link of links) result.findings.push(...planLinkFixes(link).findings);
    },
    replan: async () => {
      const account = await getItem(ctx.db, ctx.tables.users, { user_id: owner });
      const fresh = await Promise.all(links.map((link) => getItem(ctx.db, ctx.tables.links, linkKey(link))));
      const still = fresh.filter((link): link is Item => link !== null && planLinkFixes(link).uncounted);
      return account && still.length > 0 ? countUnit(ctx, owner, still) : null;
    },
    gaveUp: (result) => result.findings.push(changedUnderUs('users', { user_id: owner })),
  };
}
