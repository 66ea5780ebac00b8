// Everything stored about the caller as one JSON document behind a 15-minute download link
// (README "Leaving ProLynk"). Steps: the tombstone check, then functions/account-export, which
// enforces one export per minute, builds the document under the bucket's private exports/ prefix
// and presigns its GET.
import type { Context } from '@aws-appsync/utils';
import { raiseUnauthorized, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context) {
  if (!viewerSub(ctx)) {
    raiseUnauthorized();
  }
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
