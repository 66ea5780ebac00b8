// The profiles phase, one Scan page at a time: fix each profile, check it against today's rules,
// make sure its owner has a users row that names it, and report names that differ only by case
// from another profile's. Two BatchGetItems per page find the related rows; the page's writes go
// out together (ops/migrate/writeUnits.ts).
import { marshall } from '@aws-sdk/util-dynamodb';
import { normalizeUsername, usernameProblem } from '../../../resolvers/lib/username.ts';
import type { Item } from '../dynamo.ts';
import { batchGet, getItem, keyOf, unchangedSince, updateAction } from '../dynamo.ts';
import type { Finding } from '../findings.ts';
import { planProfileFixes } from '../fixes/profileFixes.ts';
import { isEmpty } from '../fixes/rowUpdate.ts';
import { profileRuleFindings } from '../rules/profileRules.ts';
import type { WriteUnit } from '../writeUnits.ts';
import { commitUnits, itemKey } from '../writeUnits.ts';
import type { PageResult, PhaseContext } from './phaseContext.ts';
import { changedUnderUs, emptyResult } from './phaseContext.ts';

/** Processes one page of profiles. */
export async function profilesPage(ctx: PhaseContext, items: Item[]): Promise<PageResult> {
  const result = emptyResult();
  const owners = [...new Set(items.map((i) => i.user_id).filter((id): id is string => typeof id === 'string'))];
  const accounts = owners.length
    ? await batchGet(
        ctx.db,
        ctx.tables.users,
        owners.map((user_id) => ({ user_id })),
      )
    : new Map();
  const lowered = [
    ...new Set(
      items
        .map((i) => String(i.username))
        .filter(hasLowercaseTwin)
        .map(normalizeUsername),
    ),
  ];
  const twins = lowered.length
    ? await batchGet(
        ctx.db,
        ctx.tables.profiles,
        lowered.map((username) => ({ username })),
      )
    : new Map();
  const units: WriteUnit[] = [];
  const accountsHandled = new Set<string>();
  for (const item of items) {
    const plan = planProfileFixes(item);
    const fixUnit = profileFixUnit(ctx, item);
    if (fixUnit) units.push(fixUnit);
    result.findings.push(...profileRuleFindings(plan.fixed, ctx.today));
    const owner = String(item.user_id);
    const account = accounts.get(keyOf({ user_id: owner }, ['user_id'])) ?? null;
    const accountUnit = accountsHandled.has(owner)
      ? notNamed(item, '(another profile of this page)', result)
      : ensureAccount(ctx, item, account, result);
    if (accountUnit) units.push(accountUnit);
    if (!account?.username) accountsHandled.add(owner);
    const twin = hasLowercaseTwin(String(item.username))
      ? twins.get(keyOf({ username: normalizeUsername(String(item.username)) }, ['username']))
      : undefined;
    if (twin) result.findings.push(caseTwinFinding(item, twin));
  }
  await commitUnits(ctx, units, result);
  return result;
}

/** The unit fixing `item`, or null when it needs nothing. */
function profileFixUnit(ctx: PhaseContext, item: Item): WriteUnit | null {
  const plan = planProfileFixes(item);
  if (isEmpty(plan.update)) return null;
  const key = { username: item.username };
  // Never overwrite a save that landed after our read, nor a profile that changed hands.
  const condition = unchangedSince(item, 'username', {
    expression: '#cown = :cown',
    names: { '#cown': 'user_id' },
    values: { ':cown': item.user_id },
  });
  return {
    keys: [itemKey(ctx.tables.profiles, key)],
    actions: [updateAction(ctx.tables.profiles, key, plan.update, condition)],
    applied: (result) => {
      result.changed += 1;
      result.findings.push(...plan.findings);
    },
    replan: async () => {
      const fresh = await getItem(ctx.db, ctx.tables.profiles, key);
      return fresh ? profileFixUnit(ctx, fresh) : null;
    },
    gaveUp: (result) => result.findings.push(changedUnderUs('profiles', { username: String(item.username) })),
  };
}

// A mixed-case name whose lowercase form is a valid name another row may hold.
function hasLowercaseTwin(username: string): boolean {
  const lower = normalizeUsername(username);
  return lower !== username && usernameProblem(lower)?.reason !== 'INVALID';
}

function caseTwinFinding(profile: Item, twin: Item): Finding {
  const sameOwner = twin.user_id === profile.user_id;
  return {
    kind: 'unfixable',
    table: 'profiles',
    key: { username: String(profile.username) },
    code: sameOwner ? 'duplicate-profile' : 'case-collision',
    field: 'username',
    message: sameOwner
      ? `the same user also owns "${String(twin.username)}"; both stay, neither is merged`
      : `differs only by case from "${String(twin.username)}" (another user); both stay, served at their exact spelling, never merged`,
    value: String(twin.username),
  };
}

function notNamed(profile: Item, named: string, result: PageResult): null {
  result.findings.push({
    kind: 'unfixable',
    table: 'profiles',
    key: { username: String(profile.username) },
    code: 'profile-not-named-by-account',
    message: `its owner's users row names ${named}: this profile stays publicly readable, its owner edits the other one`,
  });
  return null;
}

/** The owner's users row: created when missing, pointed at this profile when it names none. */
function ensureAccount(ctx: PhaseContext, profile: Item, account: Item | null, result: PageResult): WriteUnit | null {
  if (account && account.username === profile.username) return null;
  if (account?.username) return notNamed(profile, `"${String(account.username)}"`, result);
  const key = { user_id: profile.user_id };
  const action = account
    ? updateAction(
        ctx.tables.users,
        key,
        { set: { username: profile.username, profile_complete: true }, setIfMissing: {}, remove: [] },
        {
          expression: 'attribute_exists(#cid) AND attribute_not_exists(#cname)',
          names: { '#cid': 'user_id', '#cname': 'username' },
          values: {},
        },
      )
    : {
        Put: {
          TableName: ctx.tables.users,
          Item: marshall(
            {
              user_id: profile.user_id,
              username: profile.username,
              profile_complete: true,
              link_count: 0,
              created_at: profile.created_at,
              updated_at: profile.updated_at,
            },
            { removeUndefinedValues: true },
          ),
          ConditionExpression: 'attribute_not_exists(#cid)',
          ExpressionAttributeNames: { '#cid': 'user_id' },
        },
      };
  return {
    keys: [itemKey(ctx.tables.users, key)],
    actions: [action],
    applied: (r) => {
      r.changed += 1;
      r.findings.push({
        kind: 'fixed',
        table: 'users',
        key: { user_id: String(profile.user_id) },
        code: account ? 'account-named-profile' : 'account-row-created',
        message: account
          ? `the users row named no profile; now "${String(profile.username)}"`
          : `created for the owner of "${String(profile.username)}"`,
      });
    },
    // Someone else (a first me or saveProfile) wrote the row meanwhile: theirs stands.
    replan: async () => null,
    gaveUp: () => undefined,
  };
}
