// Shard rows → the owner's ProfileStats: every day of the range (zeros included, so a chart needs
// no gap filling), each day's link clicks most-clicked first, totals over the range.
import type { DayStats, LinkClicks, ProfileStats } from '../../generated/graphql.ts';
import type { DayRange } from './statsRange.ts';
import { parseCounterSortKey } from './statsKeys.ts';

/** One counter item as read from any shard. */
export interface CounterRow {
  sk: string;
  count: number;
}

/** Sums `rows` (from all shards) into stats over `range`; `titles` names links by id (null: gone). */
export function sumStats(
  range: DayRange,
  rows: readonly CounterRow[],
  titles: ReadonlyMap<string, string>,
): ProfileStats {
  const views = new Map<string, number>();
  const clicks = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const key = parseCounterSortKey(row.sk);
    if (key === null || key.day < range.from || key.day > range.to) continue;
    if (key.kind === 'views') {
      views.set(key.day, (views.get(key.day) ?? 0) + row.count);
    } else {
      const perLink = clicks.get(key.day) ?? new Map<string, number>();
      perLink.set(key.linkId, (perLink.get(key.linkId) ?? 0) + row.count);
      clicks.set(key.day, perLink);
    }
  }
  const days: DayStats[] = range.days.map((date) => ({
    date,
    views: views.get(date) ?? 0,
    clicks: linkClicks(clicks.get(date), titles),
  }));
  return {
    days,
    totalViews: days.reduce((sum, day) => sum + day.views, 0),
    totalClicks: days.reduce((sum, day) => sum + day.clicks.reduce((inner, link) => inner + link.clicks, 0), 0),
  };
}

function linkClicks(perLink: Map<string, number> | undefined, titles: ReadonlyMap<string, string>): LinkClicks[] {
  return [...(perLink ?? new Map<string, number>())]
    .map(([linkId, clicks]) => ({ linkId, title: titles.get(linkId) ?? null, clicks }))
    .sort((a, b) => b.clicks - a.clicks || a.linkId.localeCompare(b.linkId));
}
