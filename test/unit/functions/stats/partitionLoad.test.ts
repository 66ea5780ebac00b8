// A viral profile, simulated: 2,000 counted views per second for 30 seconds plus 400 link clicks
// per second, each planned by the same planner the stats Lambda runs (functions/stats/countPlan.ts),
// on an injected clock and a seeded random source. Every write is tallied per table, partition key
// and second; none may exceed DynamoDB's 1,000 write units per second per partition.
import { describe, expect, it } from 'vitest';
import { planCount } from '../../../../functions/stats/countPlan.ts';
import { DEFAULT_SHARDS } from '../../../../functions/stats/statsKeys.ts';

const PARTITION_WRITES_PER_SECOND = 1000;

/** Mulberry32: a small seeded PRNG, so a failing run can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Load {
  viewsPerSecond: number;
  clicksPerSecond: number;
  seconds: number;
  shards: number;
}

/** The busiest (table, partition key, second) and its write count, plus totals, under `load`. */
function simulate(load: Load) {
  const random = seededRandom(12345);
  const start = Date.UTC(2026, 5, 1, 23, 59, 45); // crosses midnight: a new day's counters mid-run
  const writes = new Map<string, number>();
  const tally = (key: string) => writes.set(key, (writes.get(key) ?? 0) + 1);
  const perSecond = load.viewsPerSecond + load.clicksPerSecond;
  let visitor = 0;
  for (let i = 0; i < perSecond * load.seconds; i += 1) {
    const nowMs = start + Math.floor((i * 1000) / perSecond);
    const second = Math.floor(nowMs / 1000);
    const isClick = i % perSecond < load.clicksPerSecond;
    visitor += 1;
    const plan = planCount(
      {
        userId: 'viral-user',
        counter: isClick ? { kind: 'click', linkId: `link-${visitor % 5}` } : { kind: 'views' },
        visitorHash: `visitor-${visitor}`,
        nowMs,
      },
      load.shards,
      random,
    );
    tally(`visitors|${plan.seen.pk}|${second}`);
    tally(`stats|${plan.counter.pk}|${second}`);
  }
  const busiest = [...writes].reduce((a, b) => (b[1] > a[1] ? b : a));
  const statsPartitions = new Set([...writes.keys()].filter((k) => k.startsWith('stats|')).map((k) => k.split('|')[1]));
  const total = [...writes.values()].reduce((a, b) => a + b, 0);
  return { busiest, statsPartitions, total };
}

describe('counter sharding under viral load (simulated)', () => {
  it('keeps every partition key under 1,000 writes/s at 2,000 views/s + 400 clicks/s with the default shards', () => {
    const load = { viewsPerSecond: 2000, clicksPerSecond: 400, seconds: 30, shards: DEFAULT_SHARDS };
    const { busiest, statsPartitions, total } = simulate(load);
    expect(total).toBe(2 * 2400 * 30);
    expect(statsPartitions.size).toBe(DEFAULT_SHARDS);
    // Expected 240 per shard per second; random spread adds a few dozen at most.
    expect(busiest[1]).toBeLessThan(PARTITION_WRITES_PER_SECOND);
    expect(busiest[1]).toBeLessThan(400);
  });

  it('would hot-spot one partition without sharding (the check above can fail)', () => {
    const { busiest } = simulate({ viewsPerSecond: 2000, clicksPerSecond: 400, seconds: 5, shards: 1 });
    expect(busiest[0]).toMatch(/^stats\|user#viral-user#0\|/);
    expect(busiest[1]).toBe(2400);
    expect(busiest[1]).toBeGreaterThan(PARTITION_WRITES_PER_SECOND);
  });

  it('writes each visitor marker to a partition of its own', () => {
    const { busiest } = simulate({ viewsPerSecond: 0, clicksPerSecond: 100, seconds: 2, shards: 32 });
    expect(busiest[0]).toMatch(/^stats\|/);
  });
});
