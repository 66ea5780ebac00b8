import { describe, expect, it } from 'vitest';
import { parseDayRange } from '../../../../functions/stats/statsRange.ts';

const refusal = (from: unknown, to: unknown) => {
  try {
    parseDayRange(from, to);
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected a BadRequest');
};

describe('myStats range', () => {
  it('lists every day from `from` to `to`, both included', () => {
    expect(parseDayRange('2024-02-27', '2024-03-01').days).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(parseDayRange('2026-01-01Z', '2026-01-01').days).toEqual(['2026-01-01']);
  });

  it('takes up to 366 days and refuses 367', () => {
    expect(parseDayRange('2024-01-01', '2024-12-31').days).toHaveLength(366);
    expect(refusal('2024-01-01', '2025-01-01')).toEqual({
      name: 'BadRequest',
      message: 'to: a range covers at most 366 days; 2024-01-01 to 2025-01-01 is 367.',
    });
  });

  it('refuses a reversed range, impossible dates and offsets other than Z, naming the field', () => {
    expect(refusal('2026-03-02', '2026-03-01').message).toMatch(/^to: must not be before from/);
    expect(refusal('2023-02-29', '2023-03-01').message).toMatch(/^from: must be a date/);
    expect(refusal('2026-01-01', '2026-01-01+05:00').message).toMatch(/^to: must be a date/);
    expect(refusal('2026-1-1', '2026-01-02').name).toBe('BadRequest');
    expect(refusal(undefined, '2026-01-02').message).toMatch(/^from:/);
  });
});
