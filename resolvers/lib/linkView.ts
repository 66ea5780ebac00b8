// Links: DynamoDB item → GraphQL Link, and the live-links ordering Profile.links serves.

import type { Link } from '../../generated/graphql.ts';
import { asDateTime } from './timestamps.ts';

type Item = Record<string, unknown>;

/** A stored link → GraphQL Link. */
export function toLink(item: Item): Link {
  return {
    linkId: item.link_id as string,
    title: item.title as string,
    url: item.url as string,
    order: (item.order ?? 0) as number,
    isDeleted: item.is_deleted === true,
    createdAt: asDateTime(item.created_at),
    updatedAt: asDateTime(item.updated_at),
  };
}

/**
 * Live links ordered by `order`, ties kept in stored (link_id) order. Insertion by reduce, because
 * APPSYNC_JS's Array.sort takes no comparator.
 */
export function liveLinksInOrder(items: Item[]): Item[] {
  return items
    .filter((item) => item.is_deleted !== true)
    .reduce((sorted: Item[], item) => {
      const order = (item.order ?? 0) as number;
      const at = sorted.findIndex((other) => ((other.order ?? 0) as number) > order);
      if (at < 0) {
        sorted.push(item);
      } else {
        sorted.splice(at, 0, item);
      }
      return sorted;
    }, []);
}
