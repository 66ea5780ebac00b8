// Every event of a batch read the same current state, so two UPDATED / LINKS_CHANGED events for
// one username carry the same profile: one is enough. The survivor takes the later position (it
// must follow a DELETED of the same name, e.g. a freed name claimed again) and is UPDATED when
// either was. RENAMED and DELETED are always kept: they tell subscribers the name itself changed.
import type { ProfileEventInput } from '../../generated/graphql.ts';

/** An event to publish and the stream records it answers for. */
export interface BatchEvent {
  input: ProfileEventInput;
  sequenceNumbers: string[];
}

/** One UPDATED/LINKS_CHANGED per username, at its last position; RENAMED/DELETED untouched. */
export function coalesceEvents(events: BatchEvent[]): BatchEvent[] {
  const result: BatchEvent[] = [];
  for (const event of events) {
    const { kind, username } = event.input;
    const isState = kind === 'UPDATED' || kind === 'LINKS_CHANGED';
    const at = isState
      ? result.findIndex(
          (e) => (e.input.kind === 'UPDATED' || e.input.kind === 'LINKS_CHANGED') && e.input.username === username,
        )
      : -1;
    if (at < 0) {
      result.push(event);
      continue;
    }
    const [earlier] = result.splice(at, 1);
    result.push({
      input: { ...event.input, kind: earlier.input.kind === 'UPDATED' ? 'UPDATED' : kind },
      sequenceNumbers: [...earlier.sequenceNumbers, ...event.sequenceNumbers],
    });
  }
  return result;
}
