// @dataSource UsersTable
// A signed-in caller without a users row gets one here (docs/architecture.md §3): a
// seed-era user whose sign-up predates the post-confirmation trigger, or whose trigger failed,
// keeps their Cognito account (the pool is adopted, not recreated) and must find a working
// account on the first `me`. One UpdateItem whose every SET is if_not_exists: it creates the row,
// and a row written concurrently (by the trigger or a first saveProfile) keeps its values.
import type { Context } from '@aws-appsync/utils';
import { runtime, util } from '@aws-appsync/utils';
import { raiseIfDataSourceError, raiseUnauthorized, viewerSub } from '../lib/errors.ts';
import { FULL_NAME_MAX } from '../lib/limits.ts';

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
  const values: Record<string, unknown> = { ':false': false, ':now': util.time.nowISO8601() };
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
  }
  const fullName = typeof claims['custom:fullname'] === 'string' ? (claims['custom:fullname'] as string).trim() : '';
  if (fullName !== '' && fullName.length <= FULL_NAME_MAX) {
    names['#fullname'] = 'fullname';
    values[':fullname'] = fullName;
    sets.push('#fullname = if_not_exists(#fullname, :fullname)');
  }
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ user_id: sub }),
    update: {
      expression: `SET ${sets.join(', ')}`,
      expressionNames: names,
      expressionValues: util.dynamodb.toMapValues(values),
    },
  };
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  ctx.stash.account = ctx.result;
  return ctx.result;
}
