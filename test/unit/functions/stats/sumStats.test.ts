import { describe, expect, it } from 'vitest';
import { parseDayRange } from '../../../../functions/stats/statsRange.ts';
import { sumStats } from '../../../../functions/stats/sumStats.ts';

describe('summing shard counters', () => {
  it('adds the shards of each day and link, fills empty days with zeros and totals the range', () => {
    const range = parseDayRange('2026-03-01', '2026-03-03');
    const rows = [
      { sk: 'day#2026-03-01#views', count: 4 },
      { sk: 'day#2026-03-01#views', count: 6 },
      { sk: 'day#2026-03-01#click#a', count: 1 },
      { sk: 'day#2026-03-01#click#b', count: 2 },
      { sk: 'day#2026-03-01#click#a', count: 2 },
      { sk: 'day#2026-03-03#click#gone', count: 5 },
      // Outside the range or not a counter: ignored.
      { sk: 'day#2026-03-04#views', count: 100 },
      { sk: 'something-else', count: 100 },
    ];
    const stats = sumStats(
      range,
      rows,
      new Map([
        ['a', 'Site'],
        ['b', 'Blog'],
      ]),
    );
    expect(stats).toEqual({
      days: [
        {
          date: '2026-03-01',
          views: 10,
          clicks: [
            { linkId: 'a', title: 'Site', clicks: 3 },
            { linkId: 'b', title: 'Blog', clicks: 2 },
          ],
        },
        { date: '2026-03-02', views: 0, clicks: [] },
        { date: '2026-03-03', views: 0, clicks: [{ linkId: 'gone', title: null, clicks: 5 }] },
      ],
      totalViews: 10,
      totalClicks: 10,
    });
  });

  it('orders equal click counts by link id', () => {
    const range = parseDayRange('2026-03-01', '2026-03-01');
    const rows = [
      { sk: 'day#2026-03-01#click#z', count: 1 },
      { sk: 'day#2026-03-01#click#m', count: 1 },
    ];
    expect(sumStats(range, rows, new Map()).days[0].clicks.map((c) => c.linkId)).toEqual(['m', 'z']);
  });
});
