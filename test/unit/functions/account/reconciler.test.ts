// The reconciler's decisions with in-memory stand-ins for the pool, the jobs and the users walk
// (the real ones: test/integration/functions/accountReconciler.test.ts).
import { describe, expect, it } from 'vitest';
import { findOrphanedAccounts, GRACE_SECONDS } from '../../../../functions/account-reconciler/findOrphanedAccounts.ts';
import { needsNudge, STALLED_AFTER_SECONDS } from '../../../../functions/account-reconciler/nudgeStalledErasures.ts';
import type { UsersCursor, UsersRow } from '../../../../functions/account-reconciler/usersPages.ts';
import type { DeletionJob, DeletionJobs } from '../../../../functions/lib/deletionJobs.ts';

const NOW = new Date('2030-01-01T12:00:00.000Z');
const LONG_AGO = '2029-01-01T00:00:00.000Z';

function job(overrides: Partial<DeletionJob>): DeletionJob {
  return {
    userId: 'u',
    status: 'PENDING',
    requestedAt: LONG_AGO,
    requestedBy: 'owner',
    updatedAt: NOW.toISOString(),
    stepsDone: [],
    finalSweepAfter: null,
    ...overrides,
  };
}

describe('needsNudge', () => {
  it('nudges a PENDING erasure only once it has been still for the stall time', () => {
    const at = (secondsAgo: number) => new Date(NOW.getTime() - secondsAgo * 1000).toISOString();
    expect(needsNudge(job({ updatedAt: at(STALLED_AFTER_SECONDS - 1) }), NOW)).toBe(false);
    expect(needsNudge(job({ updatedAt: at(STALLED_AFTER_SECONDS) }), NOW)).toBe(true);
  });

  it('nudges a final sweep once it is due, and never a complete erasure', () => {
    const seconds = NOW.getTime() / 1000;
    expect(needsNudge(job({ status: 'AWAITING_FINAL_SWEEP', finalSweepAfter: seconds + 1 }), NOW)).toBe(false);
    expect(needsNudge(job({ status: 'AWAITING_FINAL_SWEEP', finalSweepAfter: seconds }), NOW)).toBe(true);
    expect(needsNudge(job({ status: 'COMPLETE', updatedAt: LONG_AGO }), NOW)).toBe(false);
  });
});

function pages(rowsPerPage: UsersRow[][]) {
  let position = 0;
  const cursor: UsersCursor = {
    async nextPage() {
      const at = position;
      return {
        rows: rowsPerPage[at] ?? [],
        done: at >= rowsPerPage.length - 1,
        advance: async () => {
          position = at + 1 >= rowsPerPage.length ? 0 : at + 1;
        },
      };
    },
  };
  return { cursor, position: () => position };
}

function tombstones() {
  const created: string[] = [];
  const offline: string[] = [];
  const jobs = {
    create: async (userId: string, _by: string, _now: Date, profile?: { table: string; username: string }) => {
      if (created.includes(userId)) return false;
      created.push(userId);
      if (profile) offline.push(`${profile.table}/${profile.username}`);
      return true;
    },
  } as unknown as DeletionJobs;
  return { jobs, created, offline };
}

const pool = (existing: string[]) => ({
  userNameOfSub: async (sub: string) => (existing.includes(sub) ? sub : null),
  deleteBySub: async () => false,
});

describe('findOrphanedAccounts', () => {
  it('writes a tombstone for each row whose Cognito user is gone, leaving young rows alone', async () => {
    const young = new Date(NOW.getTime() - (GRACE_SECONDS - 5) * 1000).toISOString();
    const walk = pages([
      [
        { userId: 'alive', username: 'alive', createdAt: LONG_AGO },
        { userId: 'gone', username: 'gone', createdAt: LONG_AGO },
      ],
      [
        { userId: 'signing-up', username: null, createdAt: young },
        { userId: 'seed-era', username: null, createdAt: null },
      ],
    ]);
    const { jobs, created, offline } = tombstones();

    const result = await findOrphanedAccounts({
      cursor: walk.cursor,
      cognito: pool(['alive']),
      jobs,
      profilesTable: 'profiles',
      now: NOW,
      maxPages: 10,
      maxOrphans: 10,
      keepGoing: () => true,
    });

    expect(created).toEqual(['gone', 'seed-era']);
    // The profile the row names goes offline with the tombstone.
    expect(offline).toEqual(['profiles/gone']);
    expect(result).toEqual({
      checked: 3,
      orphaned: ['gone', 'seed-era'],
      passComplete: true,
      stoppedForTooManyOrphans: false,
    });
    expect(walk.position()).toBe(0);
  });

  it('stops at the orphan cap without moving past the page, so the next run sees its rows again', async () => {
    const walk = pages([
      [{ userId: 'a', username: null, createdAt: LONG_AGO }],
      [1, 2, 3].map((n) => ({ userId: `x${n}`, username: null, createdAt: LONG_AGO })),
    ]);
    const { jobs, created } = tombstones();
    const search = () =>
      findOrphanedAccounts({
        cursor: walk.cursor,
        cognito: pool(['a']),
        jobs,
        profilesTable: 'profiles',
        now: NOW,
        maxPages: 10,
        maxOrphans: 2,
        keepGoing: () => true,
      });

    const first = await search();
    expect(first.stoppedForTooManyOrphans).toBe(true);
    expect(created).toEqual(['x1', 'x2']);
    expect(walk.position()).toBe(1);

    await search();
    expect(created).toEqual(['x1', 'x2', 'x3']);
  });

  it('reads at most maxPages pages and stops when the time budget is spent', async () => {
    const walk = pages([[], [], [], []]);
    const { jobs } = tombstones();
    const base = { cognito: pool([]), jobs, profilesTable: 'profiles', now: NOW, maxOrphans: 10 };
    expect(
      (await findOrphanedAccounts({ ...base, cursor: walk.cursor, maxPages: 2, keepGoing: () => true })).passComplete,
    ).toBe(false);
    expect(walk.position()).toBe(2);
    await findOrphanedAccounts({ ...base, cursor: walk.cursor, maxPages: 2, keepGoing: () => false });
    expect(walk.position()).toBe(2);
  });
});
