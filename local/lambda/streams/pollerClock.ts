// The stream pollers' sense of time, injectable so tests step through pauses instead of sleeping.
import { setTimeout as sleep } from 'node:timers/promises';

/** Reads the time and pauses; a pause ends early (resolving, never rejecting) when `signal` aborts. */
export interface PollerClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** The real clock: Date.now and timers. */
export const systemClock: PollerClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
};
