// What a partly or fully started stack must stop: a failed start stops what did start, and
// stop() stops everything.

/** Stops registered as things start; `stopAll` runs them all, newest first. */
export class StopList {
  private readonly stops: (() => Promise<void>)[] = [];

  /** Registers how to stop something that just started. */
  add(stop: () => Promise<void>): void {
    this.stops.push(stop);
  }

  /** Starts every stop, newest first, and waits for all; one failing does not keep the others from running. */
  async stopAll(): Promise<void> {
    const stops = this.stops.splice(0).reverse();
    await Promise.allSettled(stops.map((stop) => stop()));
  }
}
