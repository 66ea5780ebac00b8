// Create or update one of the caller's links. Steps: the tombstone check (a deleted account's
// tokens get Unauthorized), then the write (1.writeLink).
import type { Context } from '@aws-appsync/utils';
import type { MutationSaveLinkArgs } from '../../generated/graphql.ts';
import { raiseUnauthorized, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context<MutationSaveLinkArgs>) {
  if (!viewerSub(ctx)) {
    raiseUnauthorized();
  }
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
