// @dataSource AccountJobsTable
// Step shared by every owner pipeline, first in line: the caller's tombstone, read by key and
// strongly consistent. A deleted account's tokens stay valid until they expire, so they are
// refused here (Unauthorized) before any read or write. Callers without a sub (API key, IAM) are
// refused too: these fields are Cognito-only.
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { raiseAccountDeleted, tombstoneKey } from '../lib/accountJobs.ts';
import { raiseIfDataSourceError, raiseUnauthorized, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context) {
  return get({ key: tombstoneKey(viewerSub(ctx) ?? raiseUnauthorized()), consistentRead: true });
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  if (ctx.result) {
    raiseAccountDeleted();
  }
  return null;
}
