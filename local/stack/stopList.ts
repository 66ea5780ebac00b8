// What a partly or fully started stack must stop: a failed start stops what did start, and
// stop() stops everything.
import { stderrFaults } from '../http/internalFaults.ts';
import type { InternalFaultSink } from '../http/internalFaults.ts';

/** Stops registered as things start; `stopAll` runs them all, newest first. */
export class StopList {
  private readonly stops: (() => Promise<void>)[] = [];

  /** A service that fails to stop is reported to `faults`. */
  constructor(private readonly faults: InternalFaultSink = stderrFaults) {}

  /** Registers how to stop something that just started. */
  add(stop: () => Promise<void>): void {
    this.stops.push(stop);
  }

  /** Starts every stop, newest first, and waits for all; one failing does not keep the others from running. */
  async stopAll(): Promise<void> {
    const stops = this.stops.splice(0).reverse();
    for (const outcome of await Promise.allSettled(stops.map((stop) => stop()))) {
      if (outcome.status === 'rejected')
        this.faults({ component: 'local stack', activity: 'stopping a service', error: outcome.reason });
    }
  }
}
