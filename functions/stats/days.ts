// UTC calendar days as YYYY-MM-DD strings: stats are counted per UTC day.

const DAY_MS = 86_400_000;
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day of an instant. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC at the start of `day`, in epoch milliseconds; NaN when `day` is not a real date. */
export function dayStartMs(day: string): number {
  const match = PLAIN_DATE.exec(day);
  if (!match) return Number.NaN;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2024-02-30 over to March: only a date that survives the round trip is real.
  return utcDay(ms) === day ? ms : Number.NaN;
}

/** The day `count` days after `day` (before, when negative). */
export function addDays(day: string, count: number): string {
  return utcDay(dayStartMs(day) + count * DAY_MS);
}

/** How many days lie from `from` to `to`, both included (0 or less when `to` is before `from`). */
export function daysInRange(from: string, to: string): number {
  return Math.round((dayStartMs(to) - dayStartMs(from)) / DAY_MS) + 1;
}

/** Epoch seconds of midnight UTC `count` days after the start of `day` (a TTL value). */
export function epochSecondsAfter(day: string, count: number): number {
  return Math.floor((dayStartMs(day) + count * DAY_MS) / 1000);
}
