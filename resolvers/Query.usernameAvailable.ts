// @dataSource ProfilesTable
// Invalid and reserved names are answered without touching DynamoDB; a valid one is available
// when no profile holds it.
import type { Context } from '@aws-appsync/utils';
import { runtime } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryUsernameAvailableArgs, UsernameAvailability } from '../generated/graphql.ts';
import { raiseIfDataSourceError } from './lib/errors.ts';
import { normalizeUsername, usernameProblem } from './lib/username.ts';

export function request(ctx: Context<QueryUsernameAvailableArgs>) {
  const username = normalizeUsername(ctx.args.username);
  const problem = usernameProblem(username);
  if (problem) {
    runtime.earlyReturn({ username, available: false, reason: problem.reason, message: problem.message });
  }
  ctx.stash.username = username;
  return get({ key: { username }, consistentRead: true });
}

export function response(ctx: Context): UsernameAvailability {
  raiseIfDataSourceError(ctx.error);
  const taken = !!ctx.result;
  return {
    username: ctx.stash.username,
    available: !taken,
    reason: taken ? 'TAKEN' : null,
    message: taken ? `"${ctx.stash.username}" is taken.` : null,
  };
}
