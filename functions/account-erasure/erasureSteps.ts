// The per-account erasure, step by step, in order (README "Leaving ProLynk"). Each step is
// idempotent and recorded on the tombstone when done, so a crash between two steps resumes at the
// next one. Something new that stores per-account data adds ONE entry here, before
// deleteUsersRow (as the profile stats did: eraseStats).
//
// Two functions share the steps, each running its own in turn (eraseAccount.ts): the erasure
// worker (DynamoDB and S3) and the user removal (Cognito). One function with all three SDK clients
// would exceed the 500 KB bundle budget; both read the same tombstone from the same stream, so the
// order below holds across them.
import type { CognitoUsers } from '../lib/cognitoUsers.ts';
import type { AccountRows } from './accountRows.ts';
import type { ErasePrefix } from './objectVersions.ts';

/** The function that runs a step (its folder under functions/). */
export type ErasureWorker = 'account-erasure' | 'account-user-removal';

/** What the steps work with; each worker has the resources of its own steps. */
export interface ErasureResources {
  rows?: AccountRows;
  erasePrefix?: ErasePrefix;
  /** Deletes every profile-stats counter of the account (functions/stats/eraseStats.ts); returns how many. */
  eraseStats?: (userId: string) => Promise<number>;
  cognito?: CognitoUsers;
}

/** One named, idempotent part of an erasure, run by `worker`. */
export interface ErasureStep {
  name: string;
  worker: ErasureWorker;
  run(userId: string, resources: ErasureResources): Promise<void>;
}

/** The S3 prefixes that hold an account's objects: its uploads and its exports. */
export function accountPrefixes(userId: string): string[] {
  return [`users/${userId}/`, `exports/${userId}/`];
}

/** Every object version under the account's prefixes; also the final sweep. */
export const eraseObjects: ErasureStep = {
  name: 'eraseObjects',
  worker: 'account-erasure',
  async run(userId, resources) {
    const erasePrefix = need(resources, 'erasePrefix');
    for (const prefix of accountPrefixes(userId)) await erasePrefix(prefix);
  },
};

/** The steps, in the order they run. */
export const ERASURE_STEPS: readonly ErasureStep[] = [
  // First: the public profile must never be served again (deleteAccount already removed it; an
  // account found by the reconciler still has it).
  {
    name: 'deleteProfiles',
    worker: 'account-erasure',
    async run(userId, resources) {
      await need(resources, 'rows').deleteProfiles(userId);
    },
  },
  {
    name: 'deleteLinks',
    worker: 'account-erasure',
    async run(userId, resources) {
      await need(resources, 'rows').deleteLinks(userId);
    },
  },
  eraseObjects,
  {
    name: 'deleteExportRecord',
    worker: 'account-erasure',
    run: (userId, resources) => need(resources, 'rows').deleteExportRecord(userId),
  },
  // Per-account data of other features is erased here, one entry each.
  {
    name: 'eraseStats',
    worker: 'account-erasure',
    async run(userId, resources) {
      await need(resources, 'eraseStats')(userId);
    },
  },
  {
    name: 'deleteUsersRow',
    worker: 'account-erasure',
    run: (userId, resources) => need(resources, 'rows').deleteUsersRow(userId),
  },
  // Last: while the Cognito user exists, its tokens can still be refreshed — and are refused by the tombstone.
  {
    name: 'deleteCognitoUser',
    worker: 'account-user-removal',
    async run(userId, resources) {
      await need(resources, 'cognito').deleteBySub(userId);
    },
  },
];

function need<K extends keyof ErasureResources>(
  resources: ErasureResources,
  name: K,
): NonNullable<ErasureResources[K]> {
  const resource = resources[name];
  if (resource === undefined) throw new Error(`This erasure worker has no ${name}: the step is another worker's.`);
  return resource as NonNullable<ErasureResources[K]>;
}
