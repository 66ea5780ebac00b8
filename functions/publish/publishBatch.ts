// One batch of stream records → profile events, published in record order. Knows nothing of
// Lambda: the handler passes the records, the store, the publish call and a logger.
//
// Lambda retries a shard from the LOWEST sequence number reported in batchItemFailures and
// re-delivers everything after it, so the first failure ends the batch: publishing later events
// now would only send them twice, and out of order with the retried one.
import type { ProfileEventInput } from '../../generated/graphql.ts';
import type { Logger } from '../lib/logger.ts';
import type { BatchEvent } from './coalesceEvents.ts';
import { coalesceEvents } from './coalesceEvents.ts';
import type { PublishTables } from './planEvents.ts';
import { planEvents } from './planEvents.ts';
import type { ProfileStore } from './profileStore.ts';
import { rememberedReads } from './profileStore.ts';
import { resolveEvent } from './resolveEvent.ts';
import type { DynamoDBStreamRecord, StreamBatchResponse } from './streamEvent.ts';

export interface PublishBatchDependencies {
  tables: PublishTables;
  store: ProfileStore;
  publish: (input: ProfileEventInput) => Promise<void>;
  logger: Logger;
  now?: () => Date;
}

/** Publishes the events `records` call for; the records of an event that could not be read or published are reported back. */
export async function publishBatch(
  records: DynamoDBStreamRecord[],
  deps: PublishBatchDependencies,
): Promise<StreamBatchResponse> {
  const now = (deps.now ?? (() => new Date()))();
  const plan = planEvents(records, deps.tables, Math.floor(now.getTime() / 1000));
  for (const record of plan.ignored)
    deps.logger.warn('record ignored', {
      operation: 'planEvents',
      sequenceNumber: record.sequenceNumber,
      reason: record.reason,
    });

  const store = rememberedReads(deps.store);
  const resolved: BatchEvent[] = [];
  let failedFrom = plan.events.length;
  for (const [index, planned] of plan.events.entries()) {
    try {
      const input = await resolveEvent(planned, store);
      if (input === null) {
        deps.logger.info('nothing to publish', {
          operation: 'resolveEvent',
          planned: planned.kind,
          sequenceNumbers: planned.sequenceNumbers,
          outcome: 'superseded',
        });
      } else {
        resolved.push({ input, sequenceNumbers: planned.sequenceNumbers });
      }
    } catch (error) {
      deps.logger.error('state could not be read', {
        operation: 'resolveEvent',
        planned: planned.kind,
        sequenceNumbers: planned.sequenceNumbers,
        outcome: 'error',
        error,
      });
      failedFrom = index;
      break;
    }
  }
  const unresolved = plan.events.slice(failedFrom).flatMap((planned) => planned.sequenceNumbers);

  const events = coalesceEvents(resolved);
  const failed: string[] = [];
  for (const [index, event] of events.entries()) {
    const started = Date.now();
    const fields = {
      operation: 'publishProfileEvent',
      kind: event.input.kind,
      username: event.input.username,
      sequenceNumbers: event.sequenceNumbers,
    };
    try {
      await deps.publish(event.input);
      deps.logger.info('event published', { ...fields, outcome: 'published', durationMs: Date.now() - started });
    } catch (error) {
      deps.logger.error('event not published', {
        ...fields,
        outcome: 'error',
        durationMs: Date.now() - started,
        error,
      });
      failed.push(...events.slice(index).flatMap((e) => e.sequenceNumbers));
      break;
    }
  }
  const itemIdentifiers = [...new Set([...failed, ...unresolved])];
  return { batchItemFailures: itemIdentifiers.map((itemIdentifier) => ({ itemIdentifier })) };
}
