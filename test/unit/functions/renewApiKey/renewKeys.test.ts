import { describe, expect, it } from 'vitest';
import { daysLeft, renewedExpiry } from '../../../../functions/renew-api-key/expiry.ts';
import type { ApiKeyOperations, ApiKeyState } from '../../../../functions/renew-api-key/renewKeys.ts';
import { renewApiKeys } from '../../../../functions/renew-api-key/renewKeys.ts';

const NOW = new Date('2026-03-04T05:06:07Z');

/** AppSync's keys in memory; ids in `failing` refuse updates. */
function fakeKeys(keys: ApiKeyState[], failing: string[] = []) {
  const updates: { apiId: string; id: string; expires: number }[] = [];
  const operations: ApiKeyOperations = {
    list: async () => keys.map((key) => ({ ...key })),
    update: async (apiId, id, expires) => {
      if (failing.includes(id)) throw new Error(`AccessDenied for ${id}`);
      updates.push({ apiId, id, expires });
      return expires;
    },
  };
  return { operations, updates };
}

describe('renewedExpiry', () => {
  it('is validityDays ahead, rounded down to the hour as AppSync requires', () => {
    const expires = renewedExpiry(NOW, 365);
    expect(expires % 3600).toBe(0);
    expect(new Date(expires * 1000).toISOString()).toBe('2027-03-04T05:00:00.000Z');
    expect(daysLeft(expires, NOW)).toBeLessThanOrEqual(365);
    expect(daysLeft(expires, NOW)).toBeGreaterThan(364.9);
  });

  it('refuses a validity AppSync would refuse', () => {
    for (const days of [0, 366, 1.5, Number.NaN]) expect(() => renewedExpiry(NOW, days)).toThrow(RangeError);
  });
});

describe('renewApiKeys', () => {
  it('pushes every key of the API to the new expiry and reports the earliest, in days', async () => {
    const { operations, updates } = fakeKeys([
      { id: 'da2-one', expires: 1 },
      { id: 'da2-two', expires: 2 },
    ]);
    const outcome = await renewApiKeys(operations, 'api1', NOW, 30);

    const target = renewedExpiry(NOW, 30);
    expect(updates).toEqual([
      { apiId: 'api1', id: 'da2-one', expires: target },
      { apiId: 'api1', id: 'da2-two', expires: target },
    ]);
    expect(outcome.earliestExpiry).toBe(target);
    expect(outcome.daysLeft).toBeCloseTo(30, 0);
    expect(outcome.keys.every((key) => key.renewed)).toBe(true);
  });

  it('still renews the other keys when one refuses, and reports its old expiry as the earliest', async () => {
    const old = Math.floor(NOW.getTime() / 1000) + 3 * 86_400;
    const { operations, updates } = fakeKeys(
      [
        { id: 'da2-denied', expires: old },
        { id: 'da2-fine', expires: old },
      ],
      ['da2-denied'],
    );
    const outcome = await renewApiKeys(operations, 'api1', NOW, 365);

    expect(updates.map((update) => update.id)).toEqual(['da2-fine']);
    expect(outcome.keys.find((key) => key.id === 'da2-denied')).toMatchObject({
      renewed: false,
      expires: old,
      error: 'AccessDenied for da2-denied',
    });
    expect(outcome.daysLeft).toBeCloseTo(3, 5);
  });

  it('reports no expiry for an API without keys', async () => {
    const outcome = await renewApiKeys(fakeKeys([]).operations, 'api1', NOW, 365);
    expect(outcome).toEqual({ keys: [] });
  });
});
