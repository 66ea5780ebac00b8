// Validates the whole input before any step runs, so a refused input reads and writes nothing.
// Steps: the caller's account and current profile (strong reads), then one write: a claim, a
// rename or a partial update (3.writeProfile); then the account is marked profile_complete if the
// sign-up trigger left it false (4.markProfileComplete).
import type { Context } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import type { MutationSaveProfileArgs } from '../../generated/graphql.ts';
import { raiseBadRequest, raiseUnauthorized, viewerSub } from '../lib/errors.ts';
import { planProfileUpdate } from '../lib/profileInput.ts';
import { toProfile } from '../lib/profileView.ts';
import { tables } from '../lib/writeRequests.ts';

// Longer names were never claimable, in the seed or now; no key lookup for them.
const OWN_NAME_CANDIDATE_MAX = 100;

export function request(ctx: Context<MutationSaveProfileArgs>) {
  const sub = viewerSub(ctx) ?? raiseUnauthorized();
  const input = ctx.args.input;
  const projects = input.projects ?? [];
  const checked = planProfileUpdate(input, {
    sub,
    assetsBaseUrl: tables(ctx.env).assetsBaseUrl,
    today: util.time.nowISO8601().slice(0, 10),
    projectIds: projects.map(() => util.autoId()),
  });
  if (!checked.ok) {
    raiseBadRequest(checked.problem);
  } else {
    ctx.stash.plan = checked.value;
    // The name as sent: a seed-era profile may be stored under it unnormalized (step 2).
    const sent = input.username ? input.username.trim() : '';
    ctx.stash.ownNameCandidate = sent.length > 0 && sent.length <= OWN_NAME_CANDIDATE_MAX ? sent : null;
  }
  return {};
}

export function response(ctx: Context) {
  return toProfile(ctx.stash.saved, viewerSub(ctx));
}
