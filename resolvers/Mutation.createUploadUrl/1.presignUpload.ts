// @dataSource PresignLambda
// The presign Lambda answers `{ ok: true, upload }` or `{ ok: false, errorType, message }`: a
// thrown Lambda error would reach AppSync only as Lambda:Unhandled, losing BadRequest.
import type { Context } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import type { MutationCreateUploadUrlArgs, UploadUrl } from '../../generated/graphql.ts';
import { raiseIfDataSourceError, raiseUnauthorized, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context<MutationCreateUploadUrlArgs>) {
  return { operation: 'Invoke', payload: { sub: viewerSub(ctx) ?? raiseUnauthorized(), input: ctx.args.input } };
}

export function response(ctx: Context) {
  raiseIfDataSourceError(ctx.error);
  const answer = ctx.result as { ok: boolean; upload?: UploadUrl; errorType?: string; message?: string };
  if (!answer.ok) {
    util.error(answer.message as string, answer.errorType);
  }
  return answer.upload;
}
