// @dataSource UsersTable
// A signed-in caller without a users row gets one here (docs/architecture.md §3): a
// seed-era user whose sign-up predates the post-confirmation trigger, or whose trigger failed,
// keeps their Cognito account (the pool is adopted, not recreated) and must find a working
// account on the first `me`. One UpdateItem whose every SET is if_not_exists: it creates the row,
// and a row written concurrently (by the trigger or a first saveProfile) keeps its values.
// It creates a row, so it rides in a transaction with the tombstone check (resolvers/lib/accountJobs.ts):
// a deleted account's `me` racing its erasure cannot bring the users row back. A transaction returns
// no item, so the response builds the row it wrote; a row written concurrently keeps its own values
// and shows on the next call.
import type { Context } from '@aws-appsync/utils';
import { runtime, util } from '@aws-appsync/utils';
import { accountJobsTable, accountNotDeletedCheck, raiseAccountDeleted } from '../lib/accountJobs.ts';
import { cancellationTypes, raiseIfDataSourceError, raiseUnauthorized, viewerSub } from '../lib/errors.ts';
import { FULL_NAME_MAX } from '../lib/limits.ts';
import { tables } from '../lib/writeRequests.ts';

export function request(ctx: Context) {
  if (ctx.stash.account) {
    runtime.earlyReturn(ctx.stash.account);
  }
  const sub = viewerSub(ctx) ?? raiseUnauthorized();
  const claims = ((ctx.identity as { claims?: Record<string, unknown> }).claims ?? {}) as Record<string, unknown>;
  const names: Record<string, string> = {
    '#complete': 'profile_complete',
    '#created': 'created_at',
    '#updated': 'updated_at',
  };
  const now = util.time.nowISO8601();
  const values: Record<string, unknown> = { ':false': false, ':now': now };
  const row: Record<string, unknown> = { user_id: sub, profile_complete: false, created_at: now, updated_at: now };
  const sets = [
    '#complete = if_not_exists(#complete, :false)',
    '#created = if_not_exists(#created, :now)',
    '#updated = if_not_exists(#updated, :now)',
  ];
  // Access tokens (what Amplify sends) carry no email or custom attributes; ID tokens do.
  if (typeof claims.email === 'string' && claims.email !== '') {
    names['#email'] = 'email';
    values[':email'] = claims.email;
    sets.push('#email = if_not_exists(#email, :email)');
    row.email = claims.email;
  }
  const fullName = typeof claims['custom:fullname'] === 'string' ? (claims['custom:fullname'] as string).trim() : '';
  if (fullName !== '' && fullName.length <= FULL_NAME_MAX) {
    names['#fullname'] = 'fullname';
    values[':fullname'] = fullName;
    sets.push('#fullname = if_not_exists(#fullname, :fullname)');
    row.fullname = fullName;
  }
  ctx.stash.createdAccount = row;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      accountNotDeletedCheck(accountJobsTable(ctx.env), sub),
      {
        table: tables(ctx.env).users,
        operation: 'UpdateItem',
        key: util.dynamodb.toMapValues({ user_id: sub }),
        update: {
          expression: `SET ${sets.join(', ')}`,
          expressionNames: names,
          expressionValues: util.dynamodb.toMapValues(values),
        },
      },
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error && cancellationTypes(ctx.result)[0] === 'ConditionalCheckFailed') {
    raiseAccountDeleted();
  }
  raiseIfDataSourceError(ctx.error);
  ctx.stash.account = ctx.stash.createdAccount;
  return ctx.stash.account;
}
