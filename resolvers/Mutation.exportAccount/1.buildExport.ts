// @dataSource ExportLambda
// The export Lambda answers `{ ok: true, export }` or `{ ok: false, errorType, message, retryAfter }`:
// a thrown Lambda error would reach AppSync only as Lambda:Unhandled, losing Conflict.
import type { Context } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import type { AccountExport } from '../../generated/graphql.ts';
import { raiseIfDataSourceError, raiseUnauthorized, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context) {
  return { operation: 'Invoke', payload: { sub: viewerSub(ctx) ?? raiseUnauthorized() } };
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  const answer = ctx.result as {
    ok: boolean;
    export?: AccountExport;
    errorType?: string;
    message?: string;
    retryAfter?: string;
  };
  if (!answer.ok) {
    util.error(
      answer.message as string,
      answer.errorType,
      null,
      answer.retryAfter ? { retryAfter: answer.retryAfter } : null,
    );
  }
  return answer.export;
}
