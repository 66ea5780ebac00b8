// @dataSource NONE
// Runs when a client subscribes. Usernames are stored lowercase, so the filter compares the
// normalized name; an enhanced filter replaces AppSync's exact argument matching.
import type { Context } from '@aws-appsync/utils';
import { extensions, util } from '@aws-appsync/utils';
import type { SubscriptionOnProfileEventArgs } from '../generated/graphql.ts';
import { normalizeUsername } from './lib/username.ts';

export function request() {
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnProfileEventArgs>) {
  extensions.setSubscriptionFilter(
    util.transform.toSubscriptionFilter({ username: { eq: normalizeUsername(ctx.args.username) } }),
  );
  return null;
}
