// @dataSource StatsLambda
// Counting happens in the stats Lambda: APPSYNC_JS has no HMAC for the visitor's keyed hash and no
// bot library (README "Profile stats"). The address, User-Agent and caller are handed over as
// AppSync sees them and never stored.
import type { Context } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import type { MutationRecordProfileViewArgs } from '../generated/graphql.ts';
import { raiseIfDataSourceError } from './lib/errors.ts';

export function request(ctx: Context<MutationRecordProfileViewArgs>) {
  const identity = ctx.identity as { sub?: string; sourceIp?: string[] } | null;
  const headers = ctx.request.headers as Record<string, unknown>;
  return {
    operation: 'Invoke',
    payload: {
      action: 'recordProfileView',
      username: ctx.args.username,
      sourceIp: identity && identity.sourceIp ? identity.sourceIp : null,
      forwardedFor: headers['x-forwarded-for'] ?? null,
      userAgent: headers['user-agent'] ?? null,
      // Only a Cognito caller has a sub; the owner's own views are not counted.
      callerSub: identity && identity.sub ? identity.sub : null,
    },
  };
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  const answer = ctx.result as { ok: boolean; counted?: boolean; errorType?: string; message?: string };
  if (!answer.ok) {
    util.error(answer.message as string, answer.errorType);
  }
  return answer.counted === true;
}
