// Deletes the caller's account (README "Leaving ProLynk"). Steps: the tombstone check (a deleted
// account cannot delete itself twice), the caller's users row and profile (strong reads), then one
// transaction that writes the tombstone and takes the public profile offline. Everything else —
// rows, uploads, the Cognito user — is erased by functions/account-erasure, which the tombstone's
// stream record starts.
import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteAccountArgs } from '../../generated/graphql.ts';
import { raiseUnauthorized, viewerSub } from '../lib/errors.ts';

export function request(ctx: Context<MutationDeleteAccountArgs>) {
  if (!viewerSub(ctx)) {
    raiseUnauthorized();
  }
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
