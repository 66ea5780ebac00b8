// Enhanced filters (docs/appsync-facts.md §8.4). Cases follow AWS's documentation: the extensions
// page's filterJsonObject example (userId eq 1 OR group in [Admin, Developer]) and the ticket
// system of "Defining enhanced subscriptions filters" (severity, priority, classification).
import { describe, expect, it } from 'vitest';
import { matchesSubscriptionFilter, valueAtPath } from '../../../local/appsync/realtime/subscriptionFilter.ts';
import type { SubscriptionFilter, SubscriptionFilterRule } from '../../../local/appsync/realtime/subscriptionFilter.ts';

const one = (fieldName: string, operator: string, value: unknown): SubscriptionFilter => ({
  filterGroup: [{ filters: [{ fieldName, operator, value }] }],
});
const all = (...filters: SubscriptionFilterRule[]): SubscriptionFilter => ({ filterGroup: [{ filters }] });

describe('groups and filters', () => {
  // extensions.html: "{filterGroup:[{filters:[{userId eq 1}]},{filters:[{group in [Admin, Developer]}]}]}"
  const documented: SubscriptionFilter = {
    filterGroup: [
      { filters: [{ fieldName: 'userId', operator: 'eq', value: 1 }] },
      { filters: [{ fieldName: 'group', operator: 'in', value: ['Admin', 'Developer'] }] },
    ],
  };

  it('delivers when any group matches (groups are ORed)', () => {
    expect(matchesSubscriptionFilter(documented, { userId: 1, group: 'Guest' })).toBe(true);
    expect(matchesSubscriptionFilter(documented, { userId: 2, group: 'Developer' })).toBe(true);
    expect(matchesSubscriptionFilter(documented, { userId: 2, group: 'Guest' })).toBe(false);
  });

  it('requires every filter of a group (filters are ANDed)', () => {
    // The ticket example: severity >= 7 and priority in [high, medium].
    const special = all(
      { fieldName: 'severity', operator: 'ge', value: 7 },
      { fieldName: 'priority', operator: 'in', value: ['high', 'medium'] },
    );
    expect(matchesSubscriptionFilter(special, { severity: 8, priority: 'high' })).toBe(true);
    expect(matchesSubscriptionFilter(special, { severity: 8, priority: 'low' })).toBe(false);
    expect(matchesSubscriptionFilter(special, { severity: 6, priority: 'medium' })).toBe(false);
  });

  it('reads dotted field names as paths into the payload', () => {
    expect(
      matchesSubscriptionFilter(one('ticket.owner.team', 'eq', 'ops'), { ticket: { owner: { team: 'ops' } } }),
    ).toBe(true);
    expect(matchesSubscriptionFilter(one('ticket.owner.team', 'eq', 'ops'), { ticket: null })).toBe(false);
    expect(valueAtPath({ a: { b: 1 } }, 'a.b')).toBe(1);
  });

  it('ignores rules nested deeper than 5 levels', () => {
    expect(matchesSubscriptionFilter(one('a.b.c.d.e.f', 'eq', 'x'), { a: {} })).toBe(true);
  });

  it('treats operator names case-sensitively', () => {
    expect(matchesSubscriptionFilter(one('severity', 'EQ', 1), { severity: 1 })).toBe(false);
  });

  it('compares strings case-sensitively', () => {
    expect(matchesSubscriptionFilter(one('username', 'eq', 'ada'), { username: 'Ada' })).toBe(false);
  });
});

describe('operators', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['eq', 1, 1, true],
    ['eq', true, false, false],
    ['eq', 'a', 'a', true],
    ['ne', 'a', 'b', true],
    ['ne', 2, 2, false],
    ['le', 2, 2, true],
    ['lt', 2, 2, false],
    ['ge', 3, 2, true],
    ['gt', 'b', 'a', true],
    ['lt', 1, 'a', false],
    ['contains', 'security issue', 'issue', true],
    ['contains', ['bug', 'security'], 'bug', true],
    ['contains', ['bug'], 'feature', false],
    ['notContains', 'security issue', 'billing', true],
    ['notContains', ['bug', 'security'], 'bug', false],
    ['beginsWith', 'security_issue', 'security', true],
    ['beginsWith', 'billing', 'security', false],
    ['in', 'high', ['high', 'medium'], true],
    ['in', 'low', ['high', 'medium'], false],
    ['notIn', 'low', ['high', 'medium'], true],
    ['notIn', 'high', ['high', 'medium'], false],
    ['between', 5, [1, 5], true],
    ['between', 1, [1, 5], true],
    ['between', 6, [1, 5], false],
    ['between', 'm', ['a', 'z'], true],
    ['containsAny', ['bug', 'security'], ['security', 'billing'], true],
    ['containsAny', ['bug'], ['billing', 'feature'], false],
  ];
  it.each(cases)('%s: field %j against %j → %s', (operator, field, value, expected) => {
    expect(matchesSubscriptionFilter(one('f', operator, value), { f: field })).toBe(expected);
  });
});
