// The account-jobs table (`{project}-account-jobs`, key user_id + job): what is being done to an
// account, keyed by its Cognito sub and holding no personal data. Shared by the resolvers and the
// Lambda functions, so both spell the keys and states the same way.
//
// - job `deletion` is the tombstone: while it exists, the sub's still-valid tokens get
//   Unauthorized everywhere and no write may recreate the account's rows. It also records the
//   erasure's progress (status, steps_done) and expires (expires_at, DynamoDB TTL) one longest
//   token lifetime after its last change.
// - job `export` is the export rate limit: when the last export was made.

/** The job name of the tombstone / erasure record. */
export const DELETION_JOB = 'deletion';

/** The job name of the per-account export rate limit. */
export const EXPORT_JOB = 'export';

/**
 * Erasure states, in order. PENDING: the profile is offline, erasure steps remain.
 * AWAITING_FINAL_SWEEP: every step is done; one more sweep of the account's S3 prefixes is due
 * once no URL handed out before the deletion can still write there. COMPLETE: nothing is left.
 */
export const DELETION_STATUS = {
  pending: 'PENDING',
  awaitingFinalSweep: 'AWAITING_FINAL_SWEEP',
  complete: 'COMPLETE',
} as const;

/** Who asked for the erasure: the owner (deleteAccount) or the reconciler (the Cognito user was gone). */
export const DELETION_REQUESTERS = { owner: 'owner', reconciliation: 'reconciliation' } as const;
