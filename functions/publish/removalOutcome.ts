// A deleted profile row means one of two things. A rename writes the new row, deletes the old one
// and points the users row at the new name in one transaction, so by the time the REMOVE record
// is read the owner's users row names the new username; anything else is a deletion.
import type { ProfileEventKind } from '../../generated/graphql.ts';

/** RENAMED (with the new name) when the owner now holds another username, else DELETED. */
export function removalOutcome(
  removedUsername: string,
  ownersCurrentUsername: string | null,
): { kind: Extract<ProfileEventKind, 'RENAMED' | 'DELETED'>; renamedTo: string | null } {
  if (ownersCurrentUsername !== null && ownersCurrentUsername !== removedUsername) {
    return { kind: 'RENAMED', renamedTo: ownersCurrentUsername };
  }
  return { kind: 'DELETED', renamedTo: null };
}
