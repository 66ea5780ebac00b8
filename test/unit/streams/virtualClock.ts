// A PollerClock for tests: every pause jumps virtual time ahead at once, until a horizon; a pause
// that would pass it waits for the poller's stop signal. Nothing sleeps in real time.
import type { PollerClock } from '../../../local/lambda/streams/pollerClock.ts';

/** The clock, the pauses it granted, and a promise that resolves when a pause reached the horizon. */
export interface VirtualClock extends PollerClock {
  readonly pauses: number[];
  readonly reachedHorizon: Promise<void>;
}

/** A virtual clock starting at 0 that grants pauses up to `horizonMs` in total. */
export function virtualClock(horizonMs: number): VirtualClock {
  let now = 0;
  const pauses: number[] = [];
  let reached = (): void => undefined;
  const reachedHorizon = new Promise<void>((resolve) => {
    reached = resolve;
  });
  return {
    pauses,
    reachedHorizon,
    now: () => now,
    sleep(ms, signal) {
      if (signal.aborted) return Promise.resolve();
      if (now + ms > horizonMs) {
        reached();
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      }
      pauses.push(ms);
      now += ms;
      // A macrotask turn, as a real timer would be: the poller's other work interleaves as it would.
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** Whether `promise` settles before the event loop's next turn (i.e. without waiting for any timer). */
export async function settlesAtOnce(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  const next = new Promise((resolve) => setImmediate(() => resolve(pending)));
  return (await Promise.race([promise.then(() => true), next])) === true;
}
