// @dataSource ProfilesTable
// One atomic write per save (docs/architecture.md §3):
// - claim (no profile yet): TransactWriteItems putting the profile under a name nobody holds
//   (attribute_not_exists) and the users row pointing at it;
// - rename: TransactWriteItems putting the new name (attribute_not_exists), deleting the old one
//   only if unchanged since we read it, and moving the users row — the old name is freed in the
//   same transaction;
// - update: one UpdateItem of the provided attributes only, so concurrent partial updates of
//   different fields are all kept;
// - adopt: a seed-era profile the caller owns but no users row names (step 2 found it by the
//   name sent): the update (or rename) and the users row pointing at it, in one transaction.
// A name that differs from the stored one only by case is the same name: seed-era names keep
// their stored spelling (docs/architecture.md §3).
import type { Context } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import { cancellationTypes, raiseBadRequest, raiseConflict, raiseUnauthorized, viewerSub } from '../lib/errors.ts';
import { initialProfileAttributes, PROFILE_FIELDS } from '../lib/profileFields.ts';
import type { ProfilePlan } from '../lib/profileInput.ts';
import { normalizeUsername } from '../lib/username.ts';
import { condition, tables, updateExpression } from '../lib/writeRequests.ts';

// Claims and renames both put the profile under its new name first in their transaction, and
// AppSync lists cancellation reasons in request order.
const NEW_PROFILE_PUT = 0;

export function request(ctx: Context) {
  const plan = ctx.stash.plan as ProfilePlan;
  const sub = viewerSub(ctx) ?? raiseUnauthorized();
  const now = util.time.nowISO8601();
  const t = tables(ctx.env);
  const account = ctx.stash.account;
  const profile = ctx.stash.profile;

  if (!profile) {
    const username = plan.username ?? (account ? account.username : null);
    if (!username) {
      raiseBadRequest({ field: 'input.username', message: 'is required to create your profile' });
    }
    const item = withPlan({ username, user_id: sub, ...initialProfileAttributes(), created_at: now }, plan, now);
    ctx.stash.write = { kind: 'claim', username, item };
    return {
      operation: 'TransactWriteItems',
      transactItems: [
        putProfile(t.profiles, item), // NEW_PROFILE_PUT
        account
          ? moveAccount(t.users, sub, account.username ?? null, username, now)
          : createAccount(t.users, sub, username, ctx.identity, plan, now),
      ],
    };
  }

  // Null when the users row already names this profile; else the write that makes it do so.
  const pointAccount = (to: string) =>
    account && account.username === profile.username
      ? null
      : account
        ? moveAccount(t.users, sub, null, to, now)
        : createAccount(t.users, sub, to, ctx.identity, plan, now);

  if (plan.username && plan.username !== normalizeUsername(profile.username)) {
    const item = withPlan({ ...profile, username: plan.username }, plan, now);
    ctx.stash.write = { kind: 'rename', username: plan.username, item };
    return {
      operation: 'TransactWriteItems',
      transactItems: [
        putProfile(t.profiles, item), // NEW_PROFILE_PUT
        {
          table: t.profiles,
          operation: 'DeleteItem',
          key: util.dynamodb.toMapValues({ username: profile.username }),
          condition: condition(
            '#owner = :sub AND #updated = :seen',
            { '#owner': 'user_id', '#updated': 'updated_at' },
            { ':sub': sub, ':seen': profile.updated_at },
          ),
        },
        pointAccount(plan.username) ?? moveAccount(t.users, sub, profile.username, plan.username, now),
      ],
    };
  }

  const update = {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ username: profile.username }),
    update: updateExpression({ ...plan.set, updated_at: now }, plan.remove),
    condition: condition('#owner = :sub', { '#owner': 'user_id' }, { ':sub': sub }),
  };
  const adoption = pointAccount(profile.username);
  if (adoption) {
    ctx.stash.write = { kind: 'adopt', username: profile.username, item: withPlan(profile, plan, now) };
    return { operation: 'TransactWriteItems', transactItems: [{ table: t.profiles, ...update }, adoption] };
  }
  ctx.stash.write = { kind: 'update', username: profile.username };
  return update;
}

export function response(ctx: Context) {
  const write = ctx.stash.write;
  if (ctx.error) {
    const reasons = cancellationTypes(ctx.result);
    if (write.kind !== 'adopt' && reasons[NEW_PROFILE_PUT] === 'ConditionalCheckFailed') {
      raiseConflict(`The username "${write.username}" is already taken.`, 'input.username');
    }
    if (reasons.indexOf('TransactionConflict') >= 0) {
      raiseConflict(`The username "${write.username}" is being claimed by another request right now; try again.`);
    }
    if (
      reasons.indexOf('ConditionalCheckFailed') >= 0 ||
      ctx.error.type === 'DynamoDB:ConditionalCheckFailedException'
    ) {
      raiseConflict('Your profile changed while this save was running; reload it and try again.');
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  ctx.stash.saved = write.kind === 'update' ? ctx.result : write.item;
  return ctx.stash.saved;
}

/** The stored item after applying the plan's SETs and REMOVEs. */
function withPlan(base: Record<string, unknown>, plan: ProfilePlan, now: string): Record<string, unknown> {
  const item: Record<string, unknown> = { ...base, ...plan.set, updated_at: now };
  plan.remove.forEach((attribute) => {
    delete item[attribute];
  });
  return item;
}

function putProfile(table: string, item: Record<string, unknown>) {
  return {
    table,
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ username: item.username }),
    attributeValues: util.dynamodb.toMapValues(withoutKey(item)),
    condition: condition('attribute_not_exists(#name)', { '#name': 'username' }, {}),
  };
}

function withoutKey(item: Record<string, unknown>): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...item };
  delete rest.username;
  return rest;
}

/** Points an existing users row at the new name, only if it still holds the name we read. */
function moveAccount(table: string, sub: string, from: string | null, to: string, now: string) {
  return {
    table,
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ user_id: sub }),
    update: updateExpression({ username: to, profile_complete: true, updated_at: now }, []),
    condition: from
      ? condition('#name = :from', { '#name': 'username' }, { ':from': from })
      : condition(
          'attribute_exists(#id) AND attribute_not_exists(#name)',
          { '#id': 'user_id', '#name': 'username' },
          {},
        ),
  };
}

/** The users row for a caller whose account the sign-up trigger has not created. */
function createAccount(
  table: string,
  sub: string,
  username: string,
  identity: unknown,
  plan: ProfilePlan,
  now: string,
) {
  const claims = ((identity as { claims?: Record<string, unknown> }).claims ?? {}) as Record<string, unknown>;
  const account: Record<string, unknown> = { username, profile_complete: true, created_at: now, updated_at: now };
  // Access tokens (what Amplify sends) carry no email claim; the sign-up trigger fills it then.
  if (claims.email) {
    account.email = claims.email;
  }
  // The users row keeps its own date_of_birth (docs/rest-contract.md "Users Table"), from the profile's.
  const dateOfBirth = plan.set[PROFILE_FIELDS.dateOfBirth.stored];
  if (dateOfBirth) {
    account.date_of_birth = dateOfBirth;
  }
  return {
    table,
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ user_id: sub }),
    attributeValues: util.dynamodb.toMapValues(account),
    condition: condition('attribute_not_exists(#id)', { '#id': 'user_id' }, {}),
  };
}
