// The migration's rate limit, on a hand-driven clock.
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../ops/migrate/tokenBucket.ts';
import type { Clock } from '../../../ops/migrate/tokenBucket.ts';

function manualClock() {
  let now = 0;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  return { clock, sleeps, advance: (ms: number) => (now += ms), now: () => now };
}

describe('token bucket', () => {
  it('lets a full bucket through at once, then paces to the rate', async () => {
    const c = manualClock();
    const bucket = new TokenBucket(100, 100, c.clock);
    await bucket.take(100);
    expect(c.now()).toBe(0);
    await bucket.take(50);
    expect(c.now()).toBeCloseTo(500);
    await bucket.take(100);
    expect(c.now()).toBeCloseTo(1500);
  });

  it('refills with elapsed time, never above its capacity', async () => {
    const c = manualClock();
    const bucket = new TokenBucket(10, 20, c.clock);
    await bucket.take(20);
    c.advance(60_000);
    await bucket.take(20);
    expect(c.sleeps).toEqual([]);
    await bucket.take(10);
    expect(c.now()).toBeCloseTo(60_000 + 1000);
  });

  it('serves concurrent callers in order, 1,000 items at 500 a second taking two seconds', async () => {
    const c = manualClock();
    const bucket = new TokenBucket(500, 100, c.clock);
    const order: number[] = [];
    await Promise.all(Array.from({ length: 11 }, (_, i) => bucket.take(100).then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(c.now()).toBeCloseTo(2000);
  });
});
