// Soft delete (seed behaviour: is_deleted = true, the row stays). Steps: read the caller's live
// link (NotFound otherwise), then flag it and decrement the live-link counter in one transaction.
import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteLinkArgs } from '../../generated/graphql.ts';
import { callerSub } from '../lib/errors.ts';
import { toLink } from '../lib/linkView.ts';

export function request(ctx: Context<MutationDeleteLinkArgs>) {
  callerSub(ctx.identity);
  return {};
}

export function response(ctx: Context) {
  return toLink(ctx.prev.result);
}
