// The per-account erasure, step by step, in order (README "Leaving ProLynk"). Each step is
// idempotent and recorded on the tombstone when done, so a crash between two steps resumes at the
// next one. Something new that stores per-account data adds ONE entry here, before
// deleteUsersRow (the analytics stats table, for instance).
import type { ErasePrefix } from './objectVersions.ts';
import type { AccountRows } from './accountRows.ts';
import type { CognitoUsers } from '../lib/cognitoUsers.ts';

/** What the steps work with. */
export interface ErasureResources {
  rows: AccountRows;
  erasePrefix: ErasePrefix;
  cognito: CognitoUsers;
}

/** One named, idempotent part of an erasure. */
export interface ErasureStep {
  name: string;
  run(userId: string, resources: ErasureResources): Promise<void>;
}

/** The S3 prefixes that hold an account's objects: its uploads and its exports. */
export function accountPrefixes(userId: string): string[] {
  return [`users/${userId}/`, `exports/${userId}/`];
}

/** Every object version under the account's prefixes; also the final sweep. */
export const eraseObjects: ErasureStep = {
  name: 'eraseObjects',
  async run(userId, { erasePrefix }) {
    for (const prefix of accountPrefixes(userId)) await erasePrefix(prefix);
  },
};

/** The steps, in the order they run. */
export const ERASURE_STEPS: readonly ErasureStep[] = [
  // First: the public profile must never be served again (deleteAccount already removed it; an
  // account found by the reconciler still has it).
  {
    name: 'deleteProfiles',
    async run(userId, { rows }) {
      await rows.deleteProfiles(userId);
    },
  },
  {
    name: 'deleteLinks',
    async run(userId, { rows }) {
      await rows.deleteLinks(userId);
    },
  },
  eraseObjects,
  { name: 'deleteExportRecord', run: (userId, { rows }) => rows.deleteExportRecord(userId) },
  // Per-account data of other features (analytics stats, …) is erased here, one entry each.
  { name: 'deleteUsersRow', run: (userId, { rows }) => rows.deleteUsersRow(userId) },
  // Last: while the Cognito user exists, its tokens can still be refreshed — and are refused by the tombstone.
  {
    name: 'deleteCognitoUser',
    async run(userId, { cognito }) {
      await cognito.deleteBySub(userId);
    },
  },
];
