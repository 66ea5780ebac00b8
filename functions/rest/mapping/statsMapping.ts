// GraphQL ProfileStats → the JSON of GET /users/me/stats, in the seed's snake_case.
import type { ProfileStats } from '../../../generated/graphql.ts';

/** The owner's stats as REST JSON: `{from, to, total_views, total_clicks, days: [{date, views, clicks: [{link_id, title, clicks}]}]}`. */
export function toStatsJson(stats: ProfileStats, from: string, to: string): Record<string, unknown> {
  return {
    from,
    to,
    total_views: stats.totalViews,
    total_clicks: stats.totalClicks,
    days: stats.days.map((day) => ({
      date: day.date,
      views: day.views,
      clicks: day.clicks.map((link) => ({ link_id: link.linkId, title: link.title ?? null, clicks: link.clicks })),
    })),
  };
}
