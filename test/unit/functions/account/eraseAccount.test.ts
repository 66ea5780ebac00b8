// The erasure's orchestration against an in-memory job record: step order, resuming after a
// failed step, the final sweep's timing. (The real stores are exercised in
// test/integration/functions/accountErasure.test.ts.)
import { describe, expect, it } from 'vitest';
import { eraseAccount } from '../../../../functions/account-erasure/eraseAccount.ts';
import type { EraseAccountDependencies } from '../../../../functions/account-erasure/eraseAccount.ts';
import type { ErasureStep, ErasureWorker } from '../../../../functions/account-erasure/erasureSteps.ts';
import { ERASURE_STEPS } from '../../../../functions/account-erasure/erasureSteps.ts';
import type { DeletionJob, DeletionJobs } from '../../../../functions/lib/deletionJobs.ts';

const REQUESTED = '2030-01-01T00:00:00.000Z';
const REQUESTED_S = Date.parse(REQUESTED) / 1000;

function memoryJobs(initial: DeletionJob | null) {
  let job = initial;
  const jobs: DeletionJobs = {
    get: async () => (job ? { ...job, stepsDone: [...job.stepsDone] } : null),
    create: async () => false,
    async recordStep(_id, step) {
      if (job) job = { ...job, stepsDone: [...job.stepsDone, step] };
    },
    async awaitFinalSweep(_id, sweepAfter) {
      if (job) job = { ...job, status: 'AWAITING_FINAL_SWEEP', finalSweepAfter: sweepAfter };
    },
    async complete() {
      if (job) job = { ...job, status: 'COMPLETE' };
    },
    nudge: async () => true,
    async *unfinished() {},
  };
  return { jobs, current: () => job };
}

function pendingJob(stepsDone: string[] = []): DeletionJob {
  return {
    userId: 'u-1',
    status: 'PENDING',
    requestedAt: REQUESTED,
    requestedBy: 'owner',
    updatedAt: REQUESTED,
    stepsDone,
    finalSweepAfter: null,
  };
}

function recordingSteps(
  names: string[],
  log: string[],
  failing?: string,
  worker: (name: string) => ErasureWorker = () => 'account-erasure',
): ErasureStep[] {
  return names.map((name) => ({
    name,
    worker: worker(name),
    async run() {
      if (name === failing) throw new Error(`${name} crashed`);
      log.push(name);
    },
  }));
}

function deps(jobs: DeletionJobs, steps: ErasureStep[], log: string[], nowS: number): EraseAccountDependencies {
  return {
    jobs,
    steps,
    finalSweep: { name: 'finalSweep', worker: 'account-erasure', run: async () => void log.push('finalSweep') },
    resources: {} as EraseAccountDependencies['resources'],
    finalSweepDelaySeconds: 600,
    now: () => new Date(nowS * 1000),
  };
}

describe('eraseAccount', () => {
  it('does nothing without a tombstone, or once the erasure is complete', async () => {
    const log: string[] = [];
    expect(await eraseAccount('u-1', deps(memoryJobs(null).jobs, recordingSteps(['a'], log), log, REQUESTED_S))).toBe(
      'no-tombstone',
    );
    const done = memoryJobs({ ...pendingJob(), status: 'COMPLETE' });
    expect(await eraseAccount('u-1', deps(done.jobs, recordingSteps(['a'], log), log, REQUESTED_S))).toBe('complete');
    expect(log).toEqual([]);
  });

  it('runs every step in order, records each, then waits for the final sweep', async () => {
    const log: string[] = [];
    const memory = memoryJobs(pendingJob());
    const outcome = await eraseAccount(
      'u-1',
      deps(memory.jobs, recordingSteps(['a', 'b', 'c'], log), log, REQUESTED_S + 5),
    );

    expect(outcome).toBe('awaiting-final-sweep');
    expect(log).toEqual(['a', 'b', 'c']);
    expect(memory.current()).toMatchObject({
      status: 'AWAITING_FINAL_SWEEP',
      stepsDone: ['a', 'b', 'c'],
      finalSweepAfter: REQUESTED_S + 600,
    });
  });

  it('resumes after a crash at the step that failed, never repeating a recorded one', async () => {
    const log: string[] = [];
    const memory = memoryJobs(pendingJob());
    const crashing = deps(memory.jobs, recordingSteps(['a', 'b', 'c'], log, 'b'), log, REQUESTED_S);
    await expect(eraseAccount('u-1', crashing)).rejects.toThrow('b crashed');
    expect(memory.current()?.stepsDone).toEqual(['a']);

    await eraseAccount('u-1', deps(memory.jobs, recordingSteps(['a', 'b', 'c'], log), log, REQUESTED_S));
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('sweeps once more and completes when the final sweep is due', async () => {
    const log: string[] = [];
    const memory = memoryJobs(pendingJob());
    await eraseAccount('u-1', deps(memory.jobs, recordingSteps(['a'], log), log, REQUESTED_S + 10));
    expect(await eraseAccount('u-1', deps(memory.jobs, [], log, REQUESTED_S + 599))).toBe('awaiting-final-sweep');
    expect(await eraseAccount('u-1', deps(memory.jobs, [], log, REQUESTED_S + 600))).toBe('complete');

    expect(log).toEqual(['a', 'finalSweep']);
    expect(memory.current()?.status).toBe('COMPLETE');
  });

  it("hands over between the two workers: each runs its own steps in order and stops at the other one's", async () => {
    const log: string[] = [];
    const memory = memoryJobs(pendingJob());
    const owner = (name: string): ErasureWorker => (name === 'user' ? 'account-user-removal' : 'account-erasure');
    const steps = recordingSteps(['a', 'user', 'b'], log, undefined, owner);
    const as = (worker: ErasureWorker, nowS = REQUESTED_S) => ({ ...deps(memory.jobs, steps, log, nowS), worker });

    expect(await eraseAccount('u-1', as('account-user-removal'))).toBe('awaiting-other-worker');
    expect(await eraseAccount('u-1', as('account-erasure'))).toBe('awaiting-other-worker');
    expect(log).toEqual(['a']);
    expect(await eraseAccount('u-1', as('account-user-removal'))).toBe('awaiting-other-worker');
    expect(await eraseAccount('u-1', as('account-erasure'))).toBe('awaiting-final-sweep');
    expect(log).toEqual(['a', 'user', 'b']);
    expect(memory.current()?.status).toBe('AWAITING_FINAL_SWEEP');

    // The final sweep is the erasure worker's alone, once it is due.
    expect(await eraseAccount('u-1', as('account-user-removal', REQUESTED_S + 600))).toBe('awaiting-final-sweep');
    expect(await eraseAccount('u-1', as('account-erasure', REQUESTED_S + 600))).toBe('complete');
    expect(log).toEqual(['a', 'user', 'b', 'finalSweep']);
  });

  it('refuses to run a step whose resource belongs to the other worker', async () => {
    const cognitoStep = ERASURE_STEPS.find((step) => step.name === 'deleteCognitoUser');
    await expect(cognitoStep?.run('u-1', {})).rejects.toThrow(/no cognito/);
  });

  it('takes the profile offline first, erases the stats before the users row, and removes the Cognito user last', () => {
    const names = ERASURE_STEPS.map((step) => step.name);
    expect(names[0]).toBe('deleteProfiles');
    expect(names.at(-1)).toBe('deleteCognitoUser');
    expect(names.indexOf('deleteUsersRow')).toBeGreaterThan(names.indexOf('deleteLinks'));
    expect(names.indexOf('eraseStats')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('eraseStats')).toBeLessThan(names.indexOf('deleteUsersRow'));
    expect(new Set(names).size).toBe(names.length);
    // Only the Cognito user is the user removal's; everything else, and the final sweep, the erasure worker's.
    expect(ERASURE_STEPS.filter((step) => step.worker === 'account-user-removal').map((step) => step.name)).toEqual([
      'deleteCognitoUser',
    ]);
  });
});
