import { describe, expect, it } from 'vitest';
import { chooseShard, parseShardCount, planCount } from '../../../../functions/stats/countPlan.ts';
import {
  allCounterPartitionKeys,
  counterPartitionKey,
  counterSortKey,
  counterSortKeyRange,
  MAX_SHARDS,
  parseCounterSortKey,
} from '../../../../functions/stats/statsKeys.ts';

describe('stats key layout', () => {
  it('names counters by account, shard, day and kind, and parses them back', () => {
    expect(counterPartitionKey('sub-1', 3)).toBe('user#sub-1#3');
    expect(counterSortKey('2026-03-01', { kind: 'views' })).toBe('day#2026-03-01#views');
    expect(counterSortKey('2026-03-01', { kind: 'click', linkId: 'l-1' })).toBe('day#2026-03-01#click#l-1');
    expect(parseCounterSortKey('day#2026-03-01#views')).toEqual({ day: '2026-03-01', kind: 'views' });
    expect(parseCounterSortKey('day#2026-03-01#click#l-1')).toEqual({
      day: '2026-03-01',
      kind: 'click',
      linkId: 'l-1',
    });
    expect(parseCounterSortKey('seen#abc')).toBeNull();
  });

  it('has a sort-key range that holds every counter of the days asked for and none outside', () => {
    const { start, end } = counterSortKeyRange('2026-03-01', '2026-03-02');
    const inside = (sk: string) => sk >= start && sk <= end;
    for (const day of ['2026-03-01', '2026-03-02']) {
      expect(inside(counterSortKey(day, { kind: 'views' }))).toBe(true);
      expect(inside(counterSortKey(day, { kind: 'click', linkId: 'ffffffff-ffff-4fff-bfff-ffffffffffff' }))).toBe(true);
    }
    for (const day of ['2026-02-28', '2026-03-03']) {
      expect(inside(counterSortKey(day, { kind: 'views' }))).toBe(false);
      expect(inside(counterSortKey(day, { kind: 'click', linkId: '0' }))).toBe(false);
    }
  });

  it('lists every partition an account may have, whatever the shard count was', () => {
    const keys = allCounterPartitionKeys('sub-1');
    expect(keys).toHaveLength(MAX_SHARDS);
    expect(new Set(keys).size).toBe(MAX_SHARDS);
    expect(keys).toContain('user#sub-1#0');
    expect(keys).toContain(`user#sub-1#${MAX_SHARDS - 1}`);
  });

  it('plans a 30-minute marker and a counter that expires 400 days after its day', () => {
    const nowMs = Date.UTC(2026, 2, 1, 12, 0, 0, 500);
    const plan = planCount({ userId: 'u', counter: { kind: 'views' }, visitorHash: 'h', nowMs }, 4, () => 0.99);
    expect(plan.seen).toEqual({ pk: 'seen#h', expiresAt: Math.ceil(nowMs / 1000) + 1800 });
    expect(plan.counter).toEqual({
      pk: 'user#u#3',
      sk: 'day#2026-03-01#views',
      expiresAt: Date.UTC(2027, 3, 5) / 1000,
    });
  });

  it('chooses shards within range, spread over all of them', () => {
    expect(chooseShard(10, () => 0)).toBe(0);
    expect(chooseShard(10, () => 0.999999)).toBe(9);
    expect(chooseShard(1, () => 0.5)).toBe(0);
  });

  it('reads the shard count from the environment, refusing nonsense', () => {
    expect(parseShardCount(undefined, 10)).toBe(10);
    expect(parseShardCount(' ', 10)).toBe(10);
    expect(parseShardCount('16', 10)).toBe(16);
    for (const bad of ['0', '33', '2.5', 'ten']) expect(() => parseShardCount(bad, 10)).toThrow(/STATS_SHARDS/);
  });
});
