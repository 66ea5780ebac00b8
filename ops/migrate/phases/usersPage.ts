// The users phase, one Scan page at a time: fill a partial row's created_at, make timestamps UTC,
// check today's account rules, and report rows that name a profile that is missing or someone
// else's. A missing live-link counter needs no write: ADD and saveLink's bound both read a missing
// `link_count` as 0 (resolvers/lib/linkWrites.ts), and the links phase adds the seed-era links.
import type { Item } from '../dynamo.ts';
import { batchGet, getItem, keyOf, unchangedSince, updateAction } from '../dynamo.ts';
import { planUserFixes } from '../fixes/userFixes.ts';
import { isEmpty } from '../fixes/rowUpdate.ts';
import { userRuleFindings } from '../rules/userRules.ts';
import type { WriteUnit } from '../writeUnits.ts';
import { commitUnits, itemKey } from '../writeUnits.ts';
import type { PageResult, PhaseContext } from './phaseContext.ts';
import { changedUnderUs, emptyResult } from './phaseContext.ts';

/** Processes one page of users rows. */
export async function usersPage(ctx: PhaseContext, items: Item[]): Promise<PageResult> {
  const result = emptyResult();
  const names = [
    ...new Set(items.map((i) => i.username).filter((n): n is string => typeof n === 'string' && n !== '')),
  ];
  const profiles = names.length
    ? await batchGet(
        ctx.db,
        ctx.tables.profiles,
        names.map((username) => ({ username })),
      )
    : new Map();
  const ownProfile = (user: Item): Item | null => {
    const profile =
      typeof user.username === 'string' ? profiles.get(keyOf({ username: user.username }, ['username'])) : undefined;
    return profile && profile.user_id === user.user_id ? profile : null;
  };
  const units: WriteUnit[] = [];
  for (const item of items) {
    const unit = userFixUnit(ctx, item, ownProfile(item));
    if (unit) units.push(unit);
    result.findings.push(...userRuleFindings(planUserFixes(item, ownProfile(item)).fixed, ctx.today));
    if (typeof item.username === 'string' && item.username !== '' && !ownProfile(item)) {
      result.findings.push({
        kind: 'unfixable',
        table: 'users',
        key: { user_id: String(item.user_id) },
        code: 'account-names-missing-profile',
        field: 'username',
        message: `names "${item.username}", which is missing or someone else's: myProfile is null until the owner's next saveProfile claims a name`,
        value: item.username,
      });
    }
  }
  await commitUnits(ctx, units, result);
  return result;
}

function userFixUnit(ctx: PhaseContext, item: Item, profile: Item | null): WriteUnit | null {
  const plan = planUserFixes(item, profile);
  if (isEmpty(plan.update)) return null;
  const key = { user_id: item.user_id };
  // Gap-filling SETs are if_not_exists; only a rewritten updated_at needs the row unchanged.
  const condition =
    plan.update.set.updated_at !== undefined
      ? unchangedSince(item, 'user_id')
      : { expression: 'attribute_exists(#ckey)', names: { '#ckey': 'user_id' }, values: {} };
  return {
    keys: [itemKey(ctx.tables.users, key)],
    actions: [updateAction(ctx.tables.users, key, plan.update, condition)],
    applied: (result) => {
      result.changed += 1;
      result.findings.push(...plan.findings);
    },
    replan: async () => {
      const fresh = await getItem(ctx.db, ctx.tables.users, key);
      return fresh ? userFixUnit(ctx, fresh, profile) : null;
    },
    gaveUp: (result) => result.findings.push(changedUnderUs('users', { user_id: String(item.user_id) })),
  };
}
