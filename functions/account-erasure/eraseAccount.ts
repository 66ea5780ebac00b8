// One account's erasure, driven by its tombstone (functions/lib/deletionJobs.ts): run the steps
// not yet recorded, in order, recording each; then wait until no URL handed out before the
// deletion can still write under the account's prefixes, and sweep them once more. A worker runs
// only its own steps (erasureSteps.ts) and stops at the first pending step of the other one, whose
// stream record of the last recorded step starts it. Knows nothing of Lambda or of the stores
// behind the interfaces, so tests inject crashes between steps.
import { DELETION_STATUS } from '../../resolvers/lib/accountJobKeys.ts';
import type { DeletionJobs } from '../lib/deletionJobs.ts';
import type { ErasureResources, ErasureStep, ErasureWorker } from './erasureSteps.ts';

export interface EraseAccountDependencies {
  jobs: DeletionJobs;
  /** Every step, in order. */
  steps: readonly ErasureStep[];
  finalSweep: ErasureStep;
  resources: ErasureResources;
  /** The worker this run is: it runs that worker's steps only. Absent: every step (tests). */
  worker?: ErasureWorker;
  /** Seconds after the request before the final sweep may run. */
  finalSweepDelaySeconds: number;
  now: () => Date;
}

/** Where an erasure stands after a run. */
export type ErasureOutcome = 'no-tombstone' | 'awaiting-other-worker' | 'awaiting-final-sweep' | 'complete';

/** Advances the erasure of `userId` as far as it can go now; throws (leaving its progress recorded) when a step fails. */
export async function eraseAccount(userId: string, deps: EraseAccountDependencies): Promise<ErasureOutcome> {
  const job = await deps.jobs.get(userId);
  if (job === null) return 'no-tombstone';
  if (job.status === DELETION_STATUS.complete) return 'complete';
  const runsHere = (step: ErasureStep) => deps.worker === undefined || step.worker === deps.worker;

  let sweepAfter = job.finalSweepAfter;
  if (job.status === DELETION_STATUS.pending) {
    for (const step of deps.steps) {
      if (job.stepsDone.includes(step.name)) continue;
      if (!runsHere(step)) return 'awaiting-other-worker';
      await step.run(userId, deps.resources);
      await deps.jobs.recordStep(userId, step.name, deps.now());
    }
    sweepAfter = Math.floor(Date.parse(job.requestedAt) / 1000) + deps.finalSweepDelaySeconds;
    await deps.jobs.awaitFinalSweep(userId, sweepAfter, deps.now());
  }
  if (sweepAfter !== null && deps.now().getTime() / 1000 < sweepAfter) return 'awaiting-final-sweep';
  if (!runsHere(deps.finalSweep)) return 'awaiting-final-sweep';
  await deps.finalSweep.run(userId, deps.resources);
  await deps.jobs.complete(userId, deps.now());
  return 'complete';
}
