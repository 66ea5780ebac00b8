// Parsing with Java DateTimeFormatter patterns, one field parser at a time (util.time's
// parseFormattedToEpochMilliSeconds rests on it).
import { describe, expect, it } from 'vitest';
import { parseWithPattern, resolveZone } from '../../../local/appsync/runtime/util/javaDateFormat.ts';

const utc = resolveZone('UTC');
const at = (iso: string) => Date.parse(iso);

describe('parseWithPattern', () => {
  it('reads adjacent numeric fields at fixed widths (yyyyMMddHHmmss)', () => {
    expect(parseWithPattern('20180201172105', 'yyyyMMddHHmmss', utc)).toBe(at('2018-02-01T17:21:05Z'));
  });

  it('reads a two-letter year in the 2000s and a lone field with any number of digits', () => {
    expect(parseWithPattern('18-2-1', 'yy-M-d', utc)).toBe(at('2018-02-01T00:00:00Z'));
    expect(parseWithPattern('2018-02-01 7', 'yyyy-MM-dd H', utc)).toBe(at('2018-02-01T07:00:00Z'));
  });

  it('reads month names, short and long, and checks day names for shape only', () => {
    expect(parseWithPattern('Thu, 1 Feb 2018', 'EEE, d MMM yyyy', utc)).toBe(at('2018-02-01T00:00:00Z'));
    expect(parseWithPattern('Monday 1 February 2018', 'EEEE d MMMM yyyy', utc)).toBe(at('2018-02-01T00:00:00Z'));
    expect(() => parseWithPattern('Someday 1 February 2018', 'EEEE d MMMM yyyy', utc)).toThrow(/could not be parsed/);
  });

  it('reads 12-hour clocks with AM/PM (12 AM is midnight) and 24-hour clocks where 24 is midnight', () => {
    expect(parseWithPattern('12:30 AM', 'hh:mm a', utc)).toBe(at('1970-01-01T00:30:00Z'));
    expect(parseWithPattern('01:30 pm', 'hh:mm a', utc)).toBe(at('1970-01-01T13:30:00Z'));
    expect(parseWithPattern('24:00', 'kk:mm', utc)).toBe(at('1970-01-01T00:00:00Z'));
  });

  it('reads fractions of a second as milliseconds, whatever their length', () => {
    expect(parseWithPattern('05.1', 'ss.S', utc)).toBe(5_100);
    expect(parseWithPattern('05.123456', 'ss.SSSSSS', utc)).toBe(5_123);
  });

  it('takes the offset or zone from the text before the fallback zone', () => {
    expect(parseWithPattern('2018-02-01 17:21 +08:00', 'yyyy-MM-dd HH:mm Z', utc)).toBe(at('2018-02-01T09:21:00Z'));
    expect(parseWithPattern('2018-02-01 17:21 -0530', 'yyyy-MM-dd HH:mm xx', utc)).toBe(at('2018-02-01T22:51:00Z'));
    expect(parseWithPattern('2018-02-01 17:21 Z', 'yyyy-MM-dd HH:mm X', undefined)).toBe(at('2018-02-01T17:21:00Z'));
    expect(parseWithPattern('2018-02-01 17:21 Australia/Perth', 'yyyy-MM-dd HH:mm VV', utc)).toBe(
      at('2018-02-01T09:21:00Z'),
    );
  });

  it('refuses an unknown pattern letter, as Java does', () => {
    expect(() => parseWithPattern('AD 2018', 'G yyyy', utc)).toThrow('Unknown pattern letter: G');
  });
});
