// What the migration changes in a stored link: zone-less timestamps become UTC, and a live link
// that the live-link counter does not count yet (every seed-era link) is counted: flagged
// `in_link_count` in the same transaction that adds it to its owner's `link_count`, exactly as
// saveLink does for a new link (resolvers/Mutation.saveLink.ts), so deleteLink gives its slot back.
import type { RowFix } from './profileFixes.ts';
import { timestampFixes } from './profileFixes.ts';
import { noUpdate } from './rowUpdate.ts';

type Item = Record<string, unknown>;

/** The fixes `item` needs, and whether it is a live link the counter must take in. */
export function planLinkFixes(item: Item): RowFix & { uncounted: boolean } {
  const update = noUpdate();
  const fixed: Item = { ...item };
  const key = { user_id: String(item.user_id), link_id: String(item.link_id) };
  const findings = timestampFixes(item, update, fixed, 'links', key);
  return { update, fixed, findings, uncounted: item.is_deleted !== true && item.in_link_count !== true };
}
