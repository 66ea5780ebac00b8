// A planned event + the tables' current state → the publishProfileEvent input, or null when the
// state says there is nothing to tell (the name is gone already: its REMOVE record tells it).
import type { ProfileEventInput } from '../../generated/graphql.ts';
import type { PlannedEvent } from './planEvents.ts';
import type { ProfileStore } from './profileStore.ts';
import { publicProfile } from './publicProfile.ts';
import { removalOutcome } from './removalOutcome.ts';

/** The publishProfileEvent input for `planned`, read from `store`; null when nothing is to be published. */
export async function resolveEvent(planned: PlannedEvent, store: ProfileStore): Promise<ProfileEventInput | null> {
  const occurredAt = new Date(planned.occurredAt * 1000).toISOString();
  switch (planned.kind) {
    case 'UPDATED': {
      const profile = await publicProfileOf(planned.username, store);
      return profile === null
        ? null
        : { username: planned.username, kind: 'UPDATED', renamedTo: null, profile, occurredAt };
    }
    case 'LINKS_CHANGED': {
      const username = await store.currentUsername(planned.userId);
      if (username === null) return null;
      const profile = await publicProfileOf(username, store);
      return profile === null ? null : { username, kind: 'LINKS_CHANGED', renamedTo: null, profile, occurredAt };
    }
    case 'REMOVED': {
      const current = planned.userId === null ? null : await store.currentUsername(planned.userId);
      const outcome = removalOutcome(planned.username, current);
      const profile = outcome.renamedTo === null ? null : await publicProfileOf(outcome.renamedTo, store);
      return { username: planned.username, kind: outcome.kind, renamedTo: outcome.renamedTo, profile, occurredAt };
    }
  }
}

async function publicProfileOf(username: string, store: ProfileStore): Promise<string | null> {
  const item = await store.profile(username);
  if (item === null) return null;
  const links = typeof item.user_id === 'string' ? await store.links(item.user_id) : [];
  return JSON.stringify(publicProfile(item, links));
}
