// What the migration changes in a stored users row: a partial row (written by the seed's profile
// save for a user whose post-confirmation never ran) gets a created_at, and zone-less timestamps
// become UTC. The live-link counter is the links phase's: a row without `link_count` counts no
// links, which ADD and saveLink's bound read as 0 (resolvers/lib/linkWrites.ts). SETs that fill a
// gap are if_not_exists, so a concurrent write always wins.
import { asDateTime } from '../../../resolvers/lib/timestamps.ts';
import type { Finding } from '../findings.ts';
import { timestampFixes } from './profileFixes.ts';
import type { RowFix } from './profileFixes.ts';
import { noUpdate } from './rowUpdate.ts';

type Item = Record<string, unknown>;

/** The fixes `item` needs; `profile` is the profile its username names, when the user owns it. */
export function planUserFixes(item: Item, profile: Item | null): RowFix {
  const update = noUpdate();
  const fixed: Item = { ...item };
  const key = { user_id: String(item.user_id) };
  const findings: Finding[] = [];
  findings.push(...timestampFixes(item, update, fixed, 'users', key));
  if (item.created_at === undefined) {
    const createdAt = asDateTime(profile?.created_at ?? fixed.updated_at);
    if (createdAt !== undefined) {
      update.setIfMissing.created_at = createdAt;
      fixed.created_at = createdAt;
      findings.push({
        kind: 'fixed',
        table: 'users',
        key,
        code: 'account-created-at',
        field: 'created_at',
        message: `missing; set to ${profile ? "the profile's" : "the row's last update"} time`,
      });
    }
  }
  return { update, fixed, findings };
}
