// Erasures that stopped short (a worker that kept failing until Lambda gave up on its record, a
// final sweep that came due) are touched so their stream record runs the worker again.
import { DELETION_STATUS } from '../../resolvers/lib/accountJobKeys.ts';
import type { DeletionJob, DeletionJobs } from '../lib/deletionJobs.ts';

/** A PENDING erasure untouched this long is considered stalled (a healthy one records every step). */
export const STALLED_AFTER_SECONDS = 10 * 60;

/** Whether `job` needs the worker again at `now`. */
export function needsNudge(job: DeletionJob, now: Date): boolean {
  const nowSeconds = now.getTime() / 1000;
  if (job.status === DELETION_STATUS.awaitingFinalSweep) {
    return job.finalSweepAfter === null || job.finalSweepAfter <= nowSeconds;
  }
  if (job.status === DELETION_STATUS.pending) {
    return Date.parse(job.updatedAt) / 1000 + STALLED_AFTER_SECONDS <= nowSeconds;
  }
  return false;
}

/** Nudges every unfinished erasure that needs it; returns the accounts nudged. */
export async function nudgeStalledErasures(jobs: DeletionJobs, now: Date): Promise<string[]> {
  const nudged: string[] = [];
  for await (const job of jobs.unfinished()) {
    if (needsNudge(job, now) && (await jobs.nudge(job.userId, job.status, now))) nudged.push(job.userId);
  }
  return nudged;
}
