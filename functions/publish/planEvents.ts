// Which events a batch of stream records calls for, before anything is read (pure). Records from
// the profiles table say "this name changed" or "this name went away"; records from the links
// table say "this owner's links changed". Repeats within a batch collapse into one planned event
// placed at its LAST record: it will read the current state, which already includes every change.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { publicProfile } from './publicProfile.ts';
import type { DynamoDBStreamRecord } from './streamEvent.ts';
import { tableNameOfStreamArn } from './streamEvent.ts';

/** The stream-enabled tables the publisher listens to. */
export interface PublishTables {
  profiles: string;
  links: string;
}

/** What a record (or several) asks for; resolved against the tables' current state afterwards. */
export type PlannedEvent =
  | { kind: 'UPDATED'; username: string; sequenceNumbers: string[]; occurredAt: number }
  | { kind: 'LINKS_CHANGED'; userId: string; sequenceNumbers: string[]; occurredAt: number }
  /** A profile row deleted: a rename (the owner now holds another name) or a deletion. */
  | { kind: 'REMOVED'; username: string; userId: string | null; sequenceNumbers: string[]; occurredAt: number };

/** A record the publisher has nothing to do with (another table, no key it can read). */
export interface IgnoredRecord {
  sequenceNumber: string;
  reason: string;
}

/** The planned events in publishing order, and the records that need none. */
export interface Plan {
  events: PlannedEvent[];
  ignored: IgnoredRecord[];
}

/** Plans the events for one batch; `now` (epoch seconds) stands in for a missing creation time. */
export function planEvents(records: DynamoDBStreamRecord[], tables: PublishTables, now: number): Plan {
  const events: PlannedEvent[] = [];
  const ignored: IgnoredRecord[] = [];
  // Moves an existing UPDATED / LINKS_CHANGED to the end (its latest record) or adds a new one.
  const coalesce = (
    matches: (event: PlannedEvent) => boolean,
    create: () => PlannedEvent,
    sequenceNumber: string,
    occurredAt: number,
  ) => {
    const at = events.findIndex(matches);
    const event = at < 0 ? create() : events.splice(at, 1)[0];
    if (at >= 0) {
      event.sequenceNumbers.push(sequenceNumber);
      event.occurredAt = Math.max(event.occurredAt, occurredAt);
    }
    events.push(event);
  };

  records.forEach((record, index) => {
    const change = record.dynamodb ?? {};
    const sequenceNumber = change.SequenceNumber ?? record.eventID ?? String(index);
    const occurredAt = change.ApproximateCreationDateTime ?? now;
    const table = tableNameOfStreamArn(record.eventSourceARN);
    const image = record.eventName === 'REMOVE' ? change.OldImage : change.NewImage;

    if (table === tables.profiles) {
      const username = text(change.Keys, 'username') ?? text(image, 'username');
      if (username === undefined) {
        ignored.push({ sequenceNumber, reason: 'profile record without a username' });
      } else if (record.eventName === 'REMOVE') {
        events.push({
          kind: 'REMOVED',
          username,
          userId: text(change.OldImage, 'user_id') ?? null,
          sequenceNumbers: [sequenceNumber],
          occurredAt,
        });
      } else if (record.eventName === 'MODIFY' && onlyPrivateChange(change.OldImage, change.NewImage)) {
        // Publishing would tell every subscriber that something hidden changed (a birth date, a
        // hidden phone number): the public view is the same, so there is nothing to announce.
        ignored.push({ sequenceNumber, reason: 'only private fields changed' });
      } else {
        coalesce(
          (e) => e.kind === 'UPDATED' && e.username === username,
          () => ({ kind: 'UPDATED', username, sequenceNumbers: [sequenceNumber], occurredAt }),
          sequenceNumber,
          occurredAt,
        );
      }
    } else if (table === tables.links) {
      const userId = text(change.Keys, 'user_id') ?? text(image, 'user_id');
      if (userId === undefined) {
        ignored.push({ sequenceNumber, reason: 'link record without a user_id' });
      } else {
        coalesce(
          (e) => e.kind === 'LINKS_CHANGED' && e.userId === userId,
          () => ({ kind: 'LINKS_CHANGED', userId, sequenceNumbers: [sequenceNumber], occurredAt }),
          sequenceNumber,
          occurredAt,
        );
      }
    } else {
      ignored.push({ sequenceNumber, reason: `record from an unexpected source ${record.eventSourceARN ?? '(none)'}` });
    }
  });
  return { events, ignored };
}

function text(image: Record<string, AttributeValue> | undefined, name: string): string | undefined {
  const value = image?.[name];
  return value && 'S' in value && typeof value.S === 'string' && value.S !== '' ? value.S : undefined;
}

/** True when the public view (timestamps aside) is the same before and after a modification. */
function onlyPrivateChange(
  oldImage: Record<string, AttributeValue> | undefined,
  newImage: Record<string, AttributeValue> | undefined,
): boolean {
  if (!oldImage || !newImage) return false;
  const view = (image: Record<string, AttributeValue>) => {
    const { updatedAt: _updatedAt, ...rest } = publicProfile(unmarshall(image), []);
    return JSON.stringify(rest);
  };
  return view(oldImage) === view(newImage);
}
