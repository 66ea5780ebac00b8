// @dataSource ProfilesTable
// The public profile; the owner (a Cognito caller whose sub owns it) sees private fields too.
// Unknown or malformed names resolve to null without an error.
import type { Context } from '@aws-appsync/utils';
import { runtime } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryProfileArgs } from '../generated/graphql.ts';
import { raiseIfDataSourceError, viewerSub } from './lib/errors.ts';
import { toProfile } from './lib/profileView.ts';
import { normalizeUsername, usernameProblem } from './lib/username.ts';

export function request(ctx: Context<QueryProfileArgs>) {
  const username = normalizeUsername(ctx.args.username);
  if (usernameProblem(username)?.reason === 'INVALID') {
    runtime.earlyReturn(null);
  }
  return get({ key: { username } });
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  if (!ctx.result) {
    return null;
  }
  return toProfile(ctx.result, viewerSub(ctx));
}
