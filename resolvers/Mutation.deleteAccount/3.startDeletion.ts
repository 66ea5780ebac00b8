// @dataSource AccountJobsTable
// The confirmation must match (resolvers/lib/deletionConfirmation.ts); otherwise BadRequest and
// nothing is written. Then ONE TransactWriteItems:
// - the tombstone (only if none exists): from now on the caller's tokens are refused and no write
//   can recreate the account; its stream record starts the erasure;
// - the public profile row deleted (only if the caller still owns it): profile(username) is null
//   at once, the REST route 404s, the profiles stream tells subscribers DELETED, and the name is
//   free to claim again (README "Leaving ProLynk": no cooling-off period).
// A rename racing this request makes the delete's condition fail: Conflict, nothing written.
import type { Context } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import type { AccountDeletion, MutationDeleteAccountArgs } from '../../generated/graphql.ts';
import { DELETION_REQUESTERS, DELETION_STATUS } from '../lib/accountJobKeys.ts';
import { accountJobsTable, raiseAccountDeleted, tombstoneKey } from '../lib/accountJobs.ts';
import { confirmationProblem } from '../lib/deletionConfirmation.ts';
import { cancellationTypes, raiseBadRequest, raiseConflict, raiseUnauthorized, viewerSub } from '../lib/errors.ts';
import { condition, tables } from '../lib/writeRequests.ts';

// The transaction's items in request order (AppSync lists cancellation reasons that way).
const TOMBSTONE_PUT = 0;
const PROFILE_DELETE = 1;

export function request(ctx: Context<MutationDeleteAccountArgs>) {
  const sub = viewerSub(ctx) ?? raiseUnauthorized();
  const account = ctx.stash.account;
  const profile = ctx.stash.profile;
  const claims = ((ctx.identity as { claims?: Record<string, unknown> }).claims ?? {}) as Record<string, unknown>;
  const problem = confirmationProblem(ctx.args.input.username, {
    username: profile ? profile.username : account ? (account.username ?? null) : null,
    email: account ? (account.email ?? null) : null,
    claimedEmail: typeof claims.email === 'string' ? claims.email : null,
  });
  if (problem) {
    raiseBadRequest(problem);
  }

  const now = util.time.nowISO8601();
  const ttlSeconds = Number((ctx.env as Record<string, string>).TOMBSTONE_TTL_SECONDS);
  ctx.stash.requestedAt = now;
  const tombstone = {
    table: accountJobsTable(ctx.env),
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(tombstoneKey(sub)),
    attributeValues: util.dynamodb.toMapValues({
      status: DELETION_STATUS.pending,
      requested_by: DELETION_REQUESTERS.owner,
      requested_at: now,
      updated_at: now,
      expires_at: util.time.nowEpochSeconds() + ttlSeconds,
    }),
    condition: condition('attribute_not_exists(#id)', { '#id': 'user_id' }, {}),
  };
  if (!profile) {
    return { operation: 'TransactWriteItems', transactItems: [tombstone] };
  }
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      tombstone, // TOMBSTONE_PUT
      {
        table: tables(ctx.env).profiles,
        operation: 'DeleteItem',
        key: util.dynamodb.toMapValues({ username: profile.username }),
        condition: condition('#owner = :sub', { '#owner': 'user_id' }, { ':sub': sub }),
      }, // PROFILE_DELETE
    ],
  };
}

export function response(ctx: Context): AccountDeletion {
  if (ctx.error) {
    const reasons = cancellationTypes(ctx.result);
    if (reasons[TOMBSTONE_PUT] === 'ConditionalCheckFailed') {
      raiseAccountDeleted();
    }
    if (reasons[PROFILE_DELETE] === 'ConditionalCheckFailed' || reasons.indexOf('TransactionConflict') >= 0) {
      raiseConflict('Your profile changed while the deletion was starting; nothing was deleted. Try again.');
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return { status: DELETION_STATUS.pending, requestedAt: ctx.stash.requestedAt };
}
