// The caller's account status: the users row (created on the first call when the caller has
// none, step 2), with the profile's name where there is one.
import type { Context } from '@aws-appsync/utils';
import { toUser } from '../lib/userView.ts';

export function request() {
  return {};
}

export function response(ctx: Context) {
  return ctx.stash.account ? toUser(ctx.stash.account, ctx.stash.profile) : null;
}
