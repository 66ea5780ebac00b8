// Links: DynamoDB item → GraphQL Link, and the live-links ordering Profile.links serves.

type Item = Record<string, unknown>;

/** A stored link → GraphQL Link. */
export function toLink(item: Item): Record<string, unknown> {
  return {
    linkId: item.link_id,
    title: item.title,
    url: item.url,
    order: item.order ?? 0,
    isDeleted: item.is_deleted === true,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
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
