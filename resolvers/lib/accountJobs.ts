// The tombstone as resolvers use it (resolvers/lib/accountJobKeys.ts): its key, the condition that
// keeps a write from landing on a deleted account, and the error such a caller gets.
import { util } from '@aws-appsync/utils';
import { DELETION_JOB } from './accountJobKeys.ts';
import { condition } from './writeRequests.ts';

/** The account-jobs table's name (AppSync environment variable set by the CDK stack). */
export function accountJobsTable(env: unknown): string {
  return (env as Record<string, string>).ACCOUNT_JOBS_TABLE;
}

/** The tombstone's key for `sub`. */
export function tombstoneKey(sub: string): { user_id: string; job: string } {
  return { user_id: sub, job: DELETION_JOB };
}

/**
 * A TransactWriteItems entry that cancels the whole transaction when `sub` has a tombstone. Writes
 * that could create or re-create an account's rows carry it, so a save racing a deletion either
 * commits before the tombstone (and the erasure, which starts after it, removes what it wrote) or
 * not at all.
 */
export function accountNotDeletedCheck(table: string, sub: string) {
  return {
    table,
    operation: 'ConditionCheck',
    key: util.dynamodb.toMapValues(tombstoneKey(sub)),
    condition: condition('attribute_not_exists(#id)', { '#id': 'user_id' }, {}),
  };
}

/** Aborts the field: the caller's account has been deleted, so its tokens no longer count. */
export function raiseAccountDeleted(): never {
  return util.error('This account has been deleted.', 'Unauthorized');
}
