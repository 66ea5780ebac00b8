// Create or update one of the caller's links (seed: "create or update"). The input is validated
// before any step runs, so a refused input reads and writes nothing. Steps: the tombstone check (a
// deleted account's tokens get Unauthorized, 0.refuseDeletedAccount); read the link the input
// names, if it names one (1.getLink); then write (2.writeLink): an update when that is the
// caller's live link, otherwise a new link under the id given or a generated one, counted against
// the 100-link bound.
import type { Context } from '@aws-appsync/utils';
import type { MutationSaveLinkArgs } from '../../generated/graphql.ts';
import { raiseBadRequest, raiseUnauthorized, viewerSub } from '../lib/errors.ts';
import { planLink } from '../lib/linkInput.ts';
import { toLink } from '../lib/linkView.ts';

export function request(ctx: Context<MutationSaveLinkArgs>) {
  if (!viewerSub(ctx)) {
    raiseUnauthorized();
  }
  const checked = planLink(ctx.args.input);
  if (!checked.ok) {
    raiseBadRequest(checked.problem);
  } else {
    ctx.stash.plan = checked.value;
  }
  return {};
}

export function response(ctx: Context) {
  return toLink(ctx.prev.result);
}
