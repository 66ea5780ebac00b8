// The profile as ANY subscriber may see it (docs/architecture.md §4 "Privacy of real-time updates"): the same
// masking as the public profile query (resolvers/lib/profileView.ts with no viewer), the owner's
// id dropped, and the live links included because a subscription cannot resolve nested fields.
import type { Link, Profile } from '../../generated/graphql.ts';
import { liveLinksInOrder, toLink } from '../../resolvers/lib/linkView.ts';
import { toProfile } from '../../resolvers/lib/profileView.ts';

type Item = Record<string, unknown>;

/** The public Profile of a stored profile row and its owner's stored links (any order, deleted ones included). */
export function publicProfile(profileItem: Item, linkItems: Item[]): Omit<Profile, '__typename'> & { links: Link[] } {
  // No viewer: contact details only where show_* is true, never date_of_birth.
  const { userId: _ownerId, ...view } = toProfile(profileItem, null);
  return { ...view, isOwner: false, links: liveLinksInOrder(linkItems).map((item) => toLink(item)) };
}
