// Soft delete (seed behaviour: is_deleted = true, the row stays). A malformed id is refused before
// any step runs. Steps: read the caller's live link (NotFound otherwise), then flag it deleted and,
// when the link holds a slot of the live-link counter (in_link_count), give the slot back in the
// same transaction.
import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteLinkArgs } from '../../generated/graphql.ts';
import { raiseBadRequest, raiseUnauthorized, viewerSub } from '../lib/errors.ts';
import { ID_MAX } from '../lib/limits.ts';
import { toLink } from '../lib/linkView.ts';
import { isSafeId } from '../lib/text.ts';

export function request(ctx: Context<MutationDeleteLinkArgs>) {
  if (!viewerSub(ctx)) {
    raiseUnauthorized();
  }
  if (!isSafeId(ctx.args.linkId, ID_MAX)) {
    raiseBadRequest({ field: 'linkId', message: `a link id has 1 to ${ID_MAX} letters, digits, "-" or "_"` });
  }
  return {};
}

export function response(ctx: Context) {
  return toLink(ctx.prev.result);
}
