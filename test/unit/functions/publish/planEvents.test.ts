import { describe, expect, it } from 'vitest';
import { planEvents } from '../../../../functions/publish/planEvents.ts';
import { TABLES, linkRow, profileRow, streamRecord } from './streamRecords.ts';

const NOW = 1_800_000_000;
const seq = (record: ReturnType<typeof streamRecord>) => record.dynamodb?.SequenceNumber as string;

describe('planning the events of a batch', () => {
  it("plans UPDATED for the new image's username on a profile INSERT or MODIFY", () => {
    const inserted = streamRecord('profiles', 'INSERT', { new: profileRow('ada', 'u1') });
    const modified = streamRecord('profiles', 'MODIFY', {
      old: profileRow('bob', 'u2'),
      new: profileRow('bob', 'u2', { bio: 'new' }),
    });
    const { events, ignored } = planEvents([inserted, modified], TABLES, NOW);
    expect(ignored).toEqual([]);
    expect(events).toEqual([
      { kind: 'UPDATED', username: 'ada', sequenceNumbers: [seq(inserted)], occurredAt: 1_700_000_000 },
      { kind: 'UPDATED', username: 'bob', sequenceNumbers: [seq(modified)], occurredAt: 1_700_000_000 },
    ]);
  });

  it('announces nothing when only private fields changed (a hidden phone, the birth date, a timestamp)', () => {
    const before = profileRow('ada', 'u1', {
      phone: '+1 555 000 0000',
      show_phone: false,
      date_of_birth: '1990-01-01',
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    const after = profileRow('ada', 'u1', {
      phone: '+1 555 111 1111',
      show_phone: false,
      date_of_birth: '1991-02-02',
      updated_at: '2026-02-02T00:00:00.000Z',
    });
    const privateOnly = streamRecord('profiles', 'MODIFY', { old: before, new: after });
    const shown = streamRecord('profiles', 'MODIFY', {
      old: before,
      new: profileRow('ada', 'u1', { phone: '+1 555 111 1111', show_phone: true }),
    });

    const { events, ignored } = planEvents([privateOnly, shown], TABLES, NOW);

    expect(ignored).toEqual([{ sequenceNumber: seq(privateOnly), reason: 'only private fields changed' }]);
    expect(events).toEqual([
      { kind: 'UPDATED', username: 'ada', sequenceNumbers: [seq(shown)], occurredAt: 1_700_000_000 },
    ]);
  });

  it("plans REMOVED with the old image's owner on a profile REMOVE", () => {
    const removed = streamRecord('profiles', 'REMOVE', { old: profileRow('ada', 'u1') });
    expect(planEvents([removed], TABLES, NOW).events).toEqual([
      { kind: 'REMOVED', username: 'ada', userId: 'u1', sequenceNumbers: [seq(removed)], occurredAt: 1_700_000_000 },
    ]);
  });

  it.each(['INSERT', 'MODIFY', 'REMOVE'] as const)('plans LINKS_CHANGED for the owner on a link %s', (eventName) => {
    const row = linkRow('u1', 'l1');
    const record = streamRecord(
      'links',
      eventName,
      eventName === 'REMOVE' ? { old: row } : { new: row, ...(eventName === 'MODIFY' ? { old: row } : {}) },
    );
    expect(planEvents([record], TABLES, NOW).events).toEqual([
      { kind: 'LINKS_CHANGED', userId: 'u1', sequenceNumbers: [seq(record)], occurredAt: 1_700_000_000 },
    ]);
  });

  it('collapses repeated changes of one name or one owner into one event at the last record, keeping every sequence number', () => {
    const first = streamRecord('profiles', 'MODIFY', { new: profileRow('ada', 'u1') }, 10);
    const link = streamRecord('links', 'INSERT', { new: linkRow('u2', 'l1') }, 11);
    const removed = streamRecord('profiles', 'REMOVE', { old: profileRow('cy', 'u3') }, 12);
    const second = streamRecord('profiles', 'MODIFY', { new: profileRow('ada', 'u1', { bio: 'again' }) }, 13);
    const link2 = streamRecord('links', 'MODIFY', { new: linkRow('u2', 'l2') }, 14);
    const { events } = planEvents([first, link, removed, second, link2], TABLES, NOW);
    expect(events.map((e) => [e.kind, e.sequenceNumbers, e.occurredAt])).toEqual([
      ['REMOVED', [seq(removed)], 12],
      ['UPDATED', [seq(first), seq(second)], 13],
      ['LINKS_CHANGED', [seq(link), seq(link2)], 14],
    ]);
  });

  it('keeps every REMOVE, even of the same name', () => {
    const a = streamRecord('profiles', 'REMOVE', { old: profileRow('ada', 'u1') });
    const b = streamRecord('profiles', 'REMOVE', { old: profileRow('ada', 'u2') });
    expect(planEvents([a, b], TABLES, NOW).events.map((e) => e.kind)).toEqual(['REMOVED', 'REMOVED']);
  });

  it('ignores records from other tables and says why', () => {
    const other = streamRecord('someone-elses-table', 'INSERT', { new: profileRow('ada', 'u1') });
    const plan = planEvents([other], TABLES, NOW);
    expect(plan.events).toEqual([]);
    expect(plan.ignored).toEqual([
      { sequenceNumber: seq(other), reason: expect.stringContaining('someone-elses-table') },
    ]);
  });

  it("dates an event by the record's creation time, or by now when the record has none", () => {
    const record = streamRecord('profiles', 'INSERT', { new: profileRow('ada', 'u1') });
    delete record.dynamodb?.ApproximateCreationDateTime;
    expect(planEvents([record], TABLES, NOW).events[0].occurredAt).toBe(NOW);
  });
});
