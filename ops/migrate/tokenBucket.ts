// Rate limiting in items per second: a token bucket that refills continuously and holds at most
// one second's worth (a burst never exceeds the rate for long). Every scanned item takes a token
// before its page is processed, so reads and the writes they cause both follow the rate. The
// clock is injected: tests drive it by hand.

/** Time as the limiter sees it. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
};

/** A token bucket of `ratePerSecond` tokens a second, holding at most `capacity`. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.tokens = capacity;
    this.last = clock.now();
  }

  /** Resolves once `count` tokens are taken; callers are served in order. */
  take(count: number): Promise<void> {
    const turn = this.queue.then(() => this.takeNow(count));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeNow(count: number): Promise<void> {
    // A page larger than the bucket may drive it negative; the next caller then waits longer.
    const needed = Math.min(count, this.capacity);
    this.refill();
    while (this.tokens < needed) {
      await this.clock.sleep(((needed - this.tokens) / this.ratePerSecond) * 1000);
      this.refill();
    }
    this.tokens -= count;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }
}
