// Accounts deleted outside the API (an admin's AdminDeleteUser, the seed's tooling) leave their
// users row behind. Each row the walk reaches is looked up in the pool by sub; a row whose user is
// gone gets a tombstone written together with the removal of the profile it names — exactly what
// deleteAccount writes — and the erasure worker then erases the rest the same way.
import { DELETION_REQUESTERS } from '../../resolvers/lib/accountJobKeys.ts';
import type { CognitoUsers } from '../lib/cognitoUsers.ts';
import type { DeletionJobs } from '../lib/deletionJobs.ts';
import type { UsersCursor, UsersRow } from './usersPages.ts';

/** Rows younger than this are left alone: their user may be mid-sign-up. */
export const GRACE_SECONDS = 15 * 60;

export interface OrphanSearchDependencies {
  cursor: UsersCursor;
  cognito: CognitoUsers;
  jobs: DeletionJobs;
  /** The profiles table, whose row a tombstone takes offline. */
  profilesTable: string;
  now: Date;
  /** Pages to read in this run at most. */
  maxPages: number;
  /**
   * Tombstones to write in one run at most. Many orphans at once more likely means a wrong pool
   * (USER_POOL_ID) than a wave of deletions: the run stops and says so instead of erasing everyone.
   */
  maxOrphans: number;
  /** Stops reading further pages once this returns false (the run's time budget). */
  keepGoing: () => boolean;
}

/** What one run found. */
export interface OrphanSearchResult {
  checked: number;
  orphaned: string[];
  passComplete: boolean;
  stoppedForTooManyOrphans: boolean;
}

/** Walks the next pages of users rows and writes a tombstone for each row whose Cognito user is gone. */
export async function findOrphanedAccounts(deps: OrphanSearchDependencies): Promise<OrphanSearchResult> {
  const result: OrphanSearchResult = { checked: 0, orphaned: [], passComplete: false, stoppedForTooManyOrphans: false };
  for (let page = 0; page < deps.maxPages && deps.keepGoing(); page++) {
    const { rows, done, advance } = await deps.cursor.nextPage();
    for (const row of rows) {
      if (!isOldEnough(row, deps.now)) continue;
      result.checked++;
      if ((await deps.cognito.userNameOfSub(row.userId)) !== null) continue;
      if (result.orphaned.length >= deps.maxOrphans) {
        // The position stays before this page: the next run looks at its rows again.
        result.stoppedForTooManyOrphans = true;
        return result;
      }
      const profile = row.username === null ? undefined : { table: deps.profilesTable, username: row.username };
      if (await deps.jobs.create(row.userId, DELETION_REQUESTERS.reconciliation, deps.now, profile)) {
        result.orphaned.push(row.userId);
      }
    }
    await advance();
    if (done) {
      result.passComplete = true;
      return result;
    }
  }
  return result;
}

function isOldEnough(row: UsersRow, now: Date): boolean {
  const created = row.createdAt === null ? Number.NaN : Date.parse(row.createdAt);
  // Seed-era rows may have no creation time: old by definition.
  return Number.isNaN(created) || created / 1000 + GRACE_SECONDS <= now.getTime() / 1000;
}
