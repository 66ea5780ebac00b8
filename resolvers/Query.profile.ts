// @dataSource ProfilesTable
// The public profile; the owner (a Cognito caller whose sub owns it) sees private fields too.
// Unknown or malformed names resolve to null without an error. Names are stored lowercase, but
// the seed stored them as typed ("Alice", "john.doe"), and its URLs keep working: a name sent in
// another spelling than its normalized form is looked up exactly as sent first, then normalized,
// in one TransactGetItems (docs/architecture.md §3).
import type { Context } from '@aws-appsync/utils';
import { runtime, util } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryProfileArgs } from '../generated/graphql.ts';
import { raiseIfDataSourceError, viewerSub } from './lib/errors.ts';
import { toProfile } from './lib/profileView.ts';
import { normalizeUsername, usernameProblem } from './lib/username.ts';
import { tables } from './lib/writeRequests.ts';

// The seed never stored longer names; no key lookup for them.
const SEED_NAME_MAX = 100;

export function request(ctx: Context<QueryProfileArgs>) {
  const sent = ctx.args.username.trim();
  const username = normalizeUsername(ctx.args.username);
  const valid = usernameProblem(username)?.reason !== 'INVALID';
  const asSent = sent.length > 0 && sent.length <= SEED_NAME_MAX && (sent !== username || !valid);
  const keys = asSent ? [sent] : [];
  if (valid) {
    keys.push(username);
  }
  if (keys.length === 0) {
    runtime.earlyReturn(null);
  }
  if (keys.length === 1) {
    return get({ key: { username: keys[0] } });
  }
  ctx.stash.lookups = keys.length;
  const table = tables(ctx.env).profiles;
  return {
    operation: 'TransactGetItems',
    transactItems: keys.map((key) => ({ table, key: util.dynamodb.toMapValues({ username: key }) })),
  };
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  const item = ctx.stash.lookups ? ctx.result.items.find((found: unknown) => !!found) : ctx.result;
  if (!item) {
    return null;
  }
  return toProfile(item, viewerSub(ctx));
}
