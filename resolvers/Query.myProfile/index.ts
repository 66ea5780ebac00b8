// The caller's own profile, private fields included.
import type { Context } from '@aws-appsync/utils';
import { viewerSub } from '../lib/errors.ts';
import { toProfile } from '../lib/profileView.ts';

export function request() {
  return {};
}

export function response(ctx: Context) {
  const profile = ctx.stash.profile;
  return profile ? toProfile(profile, viewerSub(ctx)) : null;
}
