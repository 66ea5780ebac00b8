import { describe, expect, it } from 'vitest';
import { createAppSyncGlobals } from '../../../local/appsync/runtime/globals.ts';
import { invocation, sourceOf } from './invocationFactory.ts';

// The instant of the AWS time-helper examples: 2018-02-06T19:01:35.749Z.
const NOW = 1517943695749;
const { util } = createAppSyncGlobals(sourceOf(invocation()), { now: () => NOW });
const time = util.time as Record<string, (...args: unknown[]) => unknown>;

// Expected values: the examples on the AWS time-helpers pages (time-helpers-in-util-time.html and
// its JS twin, docs/appsync-facts.md §1.2 [D]).
describe('util.time (AWS documentation examples)', () => {
  it('reads the clock in the documented forms', () => {
    expect(time.nowISO8601()).toBe('2018-02-06T19:01:35.749Z');
    expect(time.nowEpochSeconds()).toBe(1517943695);
    expect(time.nowEpochMilliSeconds()).toBe(1517943695749);
  });

  it('formats now in UTC, at an offset and in a zone ID', () => {
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', '+08:00')).toBe('2018-02-07 03:01:35+0800');
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')).toBe('2018-02-07 03:01:35+0800');
  });

  it('parses formatted and ISO 8601 timestamps to epoch milliseconds', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-01 17:21:05.180+08:00', 'yyyy-MM-dd HH:mm:ss.SSSZ')).toBe(
      1517476865180,
    );
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.180+08:00')).toBe(1517476865180);
  });

  it('converts epoch milliseconds', () => {
    expect(time.epochMilliSecondsToSeconds(1517943695758)).toBe(1517943695);
    expect(time.epochMilliSecondsToISO8601(1517943695758)).toBe('2018-02-06T19:01:35.758Z');
    expect(time.epochMilliSecondsToFormatted(1517943695758, 'yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.epochMilliSecondsToFormatted(1517943695758, 'yyyy-MM-dd HH:mm:ssZ', '+08:00')).toBe(
      '2018-02-07 03:01:35+0800',
    );
  });
});

// Expected values: "Usage with AWS AppSync defined scalars" on the VTL time-helpers page
// (time-helpers-in-util-time.html, docs/appsync-facts.md §1.2 [D]): optional sections `[…]` and an
// offset with seconds. The instant is the one the second example prints, 2018-07-11T15:14:15-07:00:30.
describe('util.time optional sections (AWS documentation examples)', () => {
  const JULY = Date.UTC(2018, 6, 11, 22, 14, 45);
  const july = createAppSyncGlobals(sourceOf(invocation()), { now: () => JULY }).util.time as Record<
    string,
    (...args: unknown[]) => unknown
  >;

  it('formats the AWSDate and AWSDateTime patterns at an offset with seconds', () => {
    expect(july.nowFormatted('yyyy-MM-dd[XXX]', '-07:00:30')).toBe('2018-07-11-07:00');
    expect(july.nowFormatted("yyyy-MM-dd'T'HH:mm:ss[XXXXX]", '-07:00:30')).toBe('2018-07-11T15:14:15-07:00:30');
  });

  it('parses with an optional offset: from the text when present, else the zone given', () => {
    expect(july.parseFormattedToEpochMilliSeconds('2018-07-11-07:00', 'yyyy-MM-dd[XXX]')).toBe(
      Date.UTC(2018, 6, 11, 7),
    );
    expect(july.parseFormattedToEpochMilliSeconds('2018-07-11', 'yyyy-MM-dd[XXX]', 'UTC')).toBe(Date.UTC(2018, 6, 11));
    expect(july.parseFormattedToEpochMilliSeconds('2018-07-11T15:14:15-07:00:30', "yyyy-MM-dd'T'HH:mm:ss[XXXXX]")).toBe(
      JULY,
    );
    expect(() => july.parseFormattedToEpochMilliSeconds('2018-07-11', 'yyyy-MM-dd[XXX]')).toThrow(/no time zone/);
  });
});

// Expected values: the pattern letters as defined by java.time.format.DateTimeFormatter's
// documentation (AWS: "the syntax is based on DateTimeFormatter", docs/appsync-facts.md §1.2).
describe('util.time Java DateTimeFormatter patterns', () => {
  const fmt = (pattern: string, zone?: string) => time.epochMilliSecondsToFormatted(NOW, pattern, zone);

  it('renders text fields, 12-hour clocks and quoted literals', () => {
    expect(fmt('EEE, d MMM yyyy hh:mm:ss a', 'America/New_York')).toBe('Tue, 6 Feb 2018 02:01:35 PM');
    expect(fmt("EEEE MMMM dd yy H:m 'at' VV", 'Asia/Kolkata')).toBe('Wednesday February 07 18 0:31 at Asia/Kolkata');
    expect(fmt("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe('2018-02-06T19:01:35.749Z');
    expect(fmt('XXX x Z', 'Asia/Kolkata')).toBe('+05:30 +0530 +0530');
    expect(fmt("M/d ''yy")).toBe("2/6 '18");
  });

  it('names zones with z and zzzz', () => {
    expect(fmt('z', 'UTC')).toBe('UTC');
    expect(fmt('zzzz', 'Australia/Perth')).toBe('Australian Western Standard Time');
  });

  it('parses with a zone given separately when the format has none', () => {
    expect(
      time.parseFormattedToEpochMilliSeconds('2018-02-01 17:21:05.180', 'yyyy-MM-dd HH:mm:ss.SSS', 'Australia/Perth'),
    ).toBe(1517476865180);
    expect(time.parseFormattedToEpochMilliSeconds('01/02/2018 05:21 PM +0800', 'dd/MM/yyyy hh:mm a Z')).toBe(
      1517476860000,
    );
  });

  it('refuses text that does not match, and a format without any zone', () => {
    expect(() => time.parseFormattedToEpochMilliSeconds('2018-02-01', 'yyyy/MM/dd', 'UTC')).toThrow(
      /could not be parsed/,
    );
    expect(() => time.parseFormattedToEpochMilliSeconds('2018-02-01', 'yyyy-MM-dd')).toThrow(/no time zone/);
    expect(() => time.parseISO8601ToEpochMilliSeconds('yesterday')).toThrow(/could not be parsed/);
  });

  it('rejects unknown pattern letters as Java does', () => {
    expect(() => fmt('yyyy-MM-dd bb')).toThrow(/Unknown pattern letter: b/);
  });
});
