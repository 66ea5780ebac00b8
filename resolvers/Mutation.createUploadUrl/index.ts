// A presigned PUT under the caller's prefix. Steps: the tombstone check (a deleted account gets
// no new upload URL), then the presign Lambda (1.presignUpload).
import type { Context } from '@aws-appsync/utils';
import type { MutationCreateUploadUrlArgs } from '../../generated/graphql.ts';
import { raiseUnauthorized, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context<MutationCreateUploadUrlArgs>) {
  if (!viewerSub(ctx)) {
    raiseUnauthorized();
  }
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
