// @dataSource UsersTable
// An account created by the sign-up trigger starts with profile_complete = false; the first save
// of its profile sets it (claims and renames already did, in their transaction). A separate,
// idempotent write: the profile is saved either way, and a failure here is reported without
// hiding the saved profile (the next save sets the flag again).
import type { Context } from '@aws-appsync/utils';
import { runtime, util } from '@aws-appsync/utils';
import { condition, updateExpression } from '../lib/writeRequests.ts';

export function request(ctx: Context) {
  const account = ctx.stash.account;
  if (ctx.stash.write.kind !== 'update' || !account || account.profile_complete === true) {
    runtime.earlyReturn(ctx.prev.result);
  }
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ user_id: account.user_id }),
    update: updateExpression({ profile_complete: true, updated_at: util.time.nowISO8601() }, []),
    condition: condition('attribute_exists(#id)', { '#id': 'user_id' }, {}),
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.appendError(ctx.error.message, ctx.error.type);
  }
  return ctx.prev.result;
}
